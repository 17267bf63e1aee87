/**
 * When an invoice `i` was recovered: paid after more than one attempt (null otherwise). The one
 * definition of the failed-payments page's 30-day recovery and the monthly metrics.
 */
export const RECOVERED_AT = `(case when i.attempt_count > 1 then i.paid_at end)`;

/** When an invoice `i` with failed attempts was lost: never paid, first voided or marked uncollectible (null otherwise). */
export const LOST_AT = `(case when i.attempt_count > 0 and i.paid_at is null then least(i.voided_at, i.marked_uncollectible_at) end)`;
