import { JobName, type PayloadOf } from './queue-names';

/** What staff see in place of a payload field (or payload) the policy does not show. */
export const REDACTED = '[redacted]';

/**
 * The payload fields staff may see (queue dashboard, dead letters), per job name; every other field
 * shows as REDACTED. A new job name does not compile without its entry. Payloads carry ids only, so
 * this is a second line: a field added later stays hidden until someone decides it may be shown.
 */
export const JOB_STAFF_FIELDS: { readonly [N in JobName]: readonly (keyof PayloadOf<N> & string)[] } = {
  [JobName.SendEmail]: ['tenantId', 'emailMessageId'],
  [JobName.HealthPing]: [],
  [JobName.DeliverWebhook]: ['tenantId', 'deliveryId', 'attempt'],
  [JobName.OutboxSweep]: [],
  [JobName.AuditRetention]: [],
  [JobName.JobsHousekeeping]: [],
  [JobName.UsageFlush]: [],
  [JobName.ProcessStripeEvent]: ['stripeEventId', 'eventTenantId'],
  [JobName.BillingReconcile]: ['tenantId', 'runId'],
  [JobName.BillingImport]: ['tenantId', 'runId'],
  [JobName.BillingReconcileDaily]: [],
  [JobName.BillingBulkOperation]: ['tenantId', 'operationId'],
  [JobName.BillingCardExpiryReminders]: [],
  [JobName.BillingStaffDigest]: [],
};

/** A payload as staff may see it; an unknown job name or a payload that is not an object shows nothing. */
export function staffViewOfPayload(jobName: string, payload: unknown): Record<string, unknown> {
  const visible: readonly string[] = (JOB_STAFF_FIELDS as Record<string, readonly string[]>)[jobName] ?? [];
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return payload === undefined ? {} : { payload: REDACTED };
  return Object.fromEntries(Object.entries(payload).map(([field, value]) => [field, visible.includes(field) ? value : REDACTED]));
}
