/** Every BullMQ queue of the product. */
export enum QueueName {
  Email = 'email',
  System = 'system',
  Webhooks = 'webhooks',
}

/** Every job name; each has exactly one processor in apps/worker. */
export enum JobName {
  SendEmail = 'email.send',
  HealthPing = 'system.health-ping',
  DeliverWebhook = 'webhooks.deliver',
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

/** One attempt of one webhook delivery; `attempt` makes a duplicate or stale job a no-op. */
export interface DeliverWebhookPayload {
  tenantId: string;
  deliveryId: string;
  attempt: number;
}

/** One discriminated union of every job: enqueueing the wrong payload for a name does not compile. */
export type JobPayload =
  | { name: JobName.SendEmail; queue: QueueName.Email; data: SendEmailPayload }
  | { name: JobName.HealthPing; queue: QueueName.System; data: HealthPingPayload }
  | { name: JobName.DeliverWebhook; queue: QueueName.Webhooks; data: DeliverWebhookPayload };

export type PayloadOf<N extends JobName> = Extract<JobPayload, { name: N }>['data'];

export const JOB_QUEUE: { [N in JobName]: Extract<JobPayload, { name: N }>['queue'] } = {
  [JobName.SendEmail]: QueueName.Email,
  [JobName.HealthPing]: QueueName.System,
  [JobName.DeliverWebhook]: QueueName.Webhooks,
};

/** Retry policy per job type, kept beside the names so nobody has to look for it in a switch. */
export const JOB_OPTIONS: { [N in JobName]: { attempts: number; backoffMs: number } } = {
  [JobName.SendEmail]: { attempts: 8, backoffMs: 5_000 },
  [JobName.HealthPing]: { attempts: 1, backoffMs: 1_000 },
  // Only for infrastructure errors (database down): a receiver's failure is recorded, not thrown, and the
  // next attempt is a new delayed job on the webhook schedule (WEBHOOK_BACKOFF_*, about 3 days).
  [JobName.DeliverWebhook]: { attempts: 5, backoffMs: 10_000 },
};
