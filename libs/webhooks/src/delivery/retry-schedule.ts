import type { WebhookConfig } from '@app/core';

/**
 * How long to wait after failed attempt `attempt` (1-based): base × 2^(attempt-1), capped, ±10 % jitter
 * so endpoints that failed together are not retried together. Null when no attempt is left.
 */
export function retryDelayMs(attempt: number, config: Pick<WebhookConfig, 'backoffBaseMs' | 'maxBackoffMs' | 'maxAttempts'>, random = Math.random): number | null {
  if (attempt >= config.maxAttempts) return null;
  const exponential = Math.min(config.backoffBaseMs * 2 ** Math.min(attempt - 1, 40), config.maxBackoffMs);
  return Math.round(exponential * (0.9 + 0.2 * random()));
}
