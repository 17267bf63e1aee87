import { type TestApp } from './harness';
import { FakeStripe, stripeEvent, stripeSignature } from './fake-stripe';

export const WEBHOOK_SECRET = 'whsec_current_test_secret';
export const PREVIOUS_WEBHOOK_SECRET = 'whsec_previous_test_secret';

/** Settings of an app billing against a fake Stripe, with fast job retries. */
export function stripeEnv(fake: string): Record<string, string> {
  return {
    STRIPE_SECRET_KEY: 'sk_test_fakeStripeKey',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_WEBHOOK_SECRET_PREVIOUS: PREVIOUS_WEBHOOK_SECRET,
    STRIPE_API_BASE: fake,
    JOB_BACKOFF_SCALE: '0.001',
  };
}

export interface Delivery {
  secret?: string;
  timestamp?: number;
  /** Changes the body after signing. */
  tamper?: (body: string) => string;
}

/** Delivers an event to the inbox as Stripe would: the exact JSON text, signed. */
export function deliver(t: TestApp, event: ReturnType<typeof stripeEvent>, options: Delivery = {}) {
  const body = JSON.stringify(event);
  const signature = stripeSignature(body, options.secret ?? WEBHOOK_SECRET, options.timestamp);
  return t
    .http()
    .post('/api/v1/webhooks/stripe')
    .set('content-type', 'application/json; charset=utf-8')
    .set('stripe-signature', signature)
    .send(options.tamper ? options.tamper(body) : body);
}

export { FakeStripe, stripeEvent };
