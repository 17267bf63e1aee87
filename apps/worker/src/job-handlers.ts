import { JobName, PayloadOf } from '@app/queue';

export type JobHandler<N extends JobName> = (data: PayloadOf<N>, meta: { jobId: string; attempt: number }) => Promise<void>;

export interface HandlerRegistration<N extends JobName = JobName> {
  name: N;
  handle: JobHandler<N>;
}

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
