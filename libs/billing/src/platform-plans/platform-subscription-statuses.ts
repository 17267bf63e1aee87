/** Statuses in which a plan subscription grants its plan (past_due keeps it while Stripe retries). */
export const GRANTING_STATUSES = ['active', 'trialing', 'past_due'];

/** A subscription still being paid for the first time: it neither grants nor takes away a plan. */
export const UNDECIDED_STATUSES = ['incomplete'];
