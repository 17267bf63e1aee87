import { authenticator } from 'otplib';

const STEP_MS = 30_000;

/** The six-digit code of `secret` for one 30-second time step. */
export function totpCodeAt(secret: string, step: number): string {
  return authenticator.clone({ epoch: step * STEP_MS }).generate(secret);
}

/**
 * The current time step, once at least `seconds` are left in it (waits for the next step otherwise),
 * so codes of this step and its neighbours stay inside the server's window for the rest of the test.
 */
export async function totpStepWithTimeLeft(seconds: number): Promise<number> {
  const left = STEP_MS - (Date.now() % STEP_MS);
  if (left < seconds * 1000) await new Promise((resolve) => setTimeout(resolve, left + 50));
  return Math.floor(Date.now() / STEP_MS);
}
