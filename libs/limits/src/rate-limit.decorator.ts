import { SetMetadata } from '@nestjs/common';
import type { RateLimits } from '@app/core';

export const RATE_LIMIT_KEY = 'limits:rate-policy';

/** Tighter policies for sensitive routes: per IP on public routes, per user otherwise. */
export type RatePolicy = Extract<keyof RateLimits, 'login' | 'signup' | 'passwordReset' | 'invitations' | 'testEmails' | 'paylinkCheckouts'>;

/** Adds a named, tighter bucket on top of the route's general per-IP / per-user / per-key bucket. */
export const RateLimit = (policy: RatePolicy) => SetMetadata(RATE_LIMIT_KEY, policy);

export const SKIP_RATE_LIMIT_KEY = 'limits:skip-rate-limit';

/** Probes (health) that load balancers call often and that must never be limited. */
export const SkipRateLimit = () => SetMetadata(SKIP_RATE_LIMIT_KEY, true);
