import { authenticator } from 'otplib';

const STEP_SECONDS = 30;
const verifier = authenticator.clone({ window: 1, step: STEP_SECONDS });

/**
 * The time step (30 s counter) a six-digit code belongs to, or null when it matches none of the
 * current step and its two neighbours. Callers accept a code only if its step is newer than the last
 * accepted one, so a code works once.
 */
export function totpStepOf(secret: string, code: string, now = Date.now()): number | null {
  const delta = verifier.clone({ epoch: now }).checkDelta(code, secret);
  return delta === null ? null : Math.floor(now / 1000 / STEP_SECONDS) + delta;
}
