import { ProblemException } from '@app/core';

/**
 * Billing is off on this server (no STRIPE_SECRET_KEY, or no webhook secret for the inbox). A 409: the
 * request is fine, the server's state does not allow it; every other route keeps working.
 */
export const stripeNotConfigured = (detail = 'Stripe is not configured on this server; billing is turned off.') =>
  new ProblemException('stripe-not-configured', 409, 'Stripe not configured', detail);
