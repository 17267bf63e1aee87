import { useState } from 'react';
import { newIdempotencyKey } from './client';

/**
 * The Idempotency-Key of one attempt of an action's modal: sending the same request again (after a
 * network error, a double click) reuses it, so the server answers the first result and Stripe is
 * called once; a changed request (another choice in the modal) is a new attempt with a new key.
 */
export function useAttemptKey(request: unknown): string {
  const fingerprint = JSON.stringify(request ?? null);
  const [attempt, setAttempt] = useState(() => ({ fingerprint, key: newIdempotencyKey() }));
  if (attempt.fingerprint === fingerprint) return attempt.key;
  const next = { fingerprint, key: newIdempotencyKey() };
  setAttempt(next);
  return next.key;
}
