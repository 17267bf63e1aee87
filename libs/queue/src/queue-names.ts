/** Every BullMQ queue of the product. */
export enum QueueName {
  Email = 'email',
  System = 'system',
}

/** Every job name; each has exactly one processor in apps/worker. */
export enum JobName {
  SendEmail = 'email.send',
  HealthPing = 'system.health-ping',
}

export interface SendEmailPayload {
  to: string;
  subject: string;
  text: string;
  html?: string;
  tenantId?: string | null;
  /** The email_messages row the worker marks sent or failed (EmailService always sets it). */
  emailMessageId?: string;
}

export interface HealthPingPayload {
  at: string;
}

/** One discriminated union of every job: enqueueing the wrong payload for a name does not compile. */
export type JobPayload =
  | { name: JobName.SendEmail; queue: QueueName.Email; data: SendEmailPayload }
  | { name: JobName.HealthPing; queue: QueueName.System; data: HealthPingPayload };

export type PayloadOf<N extends JobName> = Extract<JobPayload, { name: N }>['data'];

export const JOB_QUEUE: { [N in JobName]: Extract<JobPayload, { name: N }>['queue'] } = {
  [JobName.SendEmail]: QueueName.Email,
  [JobName.HealthPing]: QueueName.System,
};

/** Retry policy per job type, kept beside the names so nobody has to look for it in a switch. */
export const JOB_OPTIONS: { [N in JobName]: { attempts: number; backoffMs: number } } = {
  [JobName.SendEmail]: { attempts: 8, backoffMs: 5_000 },
  [JobName.HealthPing]: { attempts: 1, backoffMs: 1_000 },
};
