import { JobName, PayloadOf } from '@app/queue';

export interface JobMeta {
  jobId: string;
  attempt: number;
}

export type JobHandler<N extends JobName> = (data: PayloadOf<N>, meta: JobMeta) => Promise<void>;

export interface HandlerRegistration<N extends JobName = JobName> {
  name: N;
  handle: JobHandler<N>;
}

/** A job handler as a Nest provider: one class per job name, listed in handlers/index.ts. */
export interface JobHandlerProvider<N extends JobName = JobName> {
  readonly name: N;
  handle(data: PayloadOf<N>, meta: JobMeta): Promise<void>;
}

export const JOB_HANDLERS = Symbol('JOB_HANDLERS');

/** Every job name must have exactly one handler; the worker refuses to start otherwise. */
export function indexHandlers(registrations: HandlerRegistration[]): Map<JobName, HandlerRegistration> {
  const byName = new Map<JobName, HandlerRegistration>();
  for (const registration of registrations) {
    if (byName.has(registration.name)) throw new Error(`Job ${registration.name} has two handlers`);
    byName.set(registration.name, registration);
  }
  const missing = Object.values(JobName).filter((name) => !byName.has(name));
  if (missing.length) throw new Error(`Jobs without a handler: ${missing.join(', ')}`);
  return byName;
}
