import { SetMetadata } from '@nestjs/common';

export const CONCURRENCY_LIMIT_KEY = 'core:concurrency-limit';

/** Long-running answers that one user (or API key) may have only a few of at a time (config `exportsPerUser`). */
export type ConcurrencyPolicy = 'exports';

/**
 * Caps how many of these requests one caller runs at once, across API instances; one more is a 429.
 * Declared in core so every domain lib can mark its routes (the guard lives in the limits lib).
 */
export const ConcurrencyLimit = (policy: ConcurrencyPolicy) => SetMetadata(CONCURRENCY_LIMIT_KEY, policy);
