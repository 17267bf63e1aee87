import type { APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import { expect } from './fixtures';

/** A request the e2e server made to the fake Stripe (apps/api/test/fake-stripe.ts), as the fake recorded it. */
export interface FakeStripeRequest {
  method: string;
  path: string;
  stripeAccount: string | null;
  idempotencyKey: string | null;
  body: Record<string, unknown>;
}

/** The fake Stripe of the e2e server on E2E_PORT (serve-e2e.mjs starts it and names it in var/e2e-server-<port>.json). */
function e2eStripe(): { stripeApiBase: string; stripeWebhookSecret: string } {
  const file = path.resolve(__dirname, `../../../var/e2e-server-${process.env.E2E_PORT ?? 3100}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as { stripeApiBase: string; stripeWebhookSecret: string };
}

/** What the server asked the fake Stripe so far (every test's requests: filter by account or path). */
export async function fakeStripeRequests(request: APIRequestContext): Promise<FakeStripeRequest[]> {
  const response = await request.get(`${e2eStripe().stripeApiBase}/__e2e/requests`);
  expect(response.ok()).toBeTruthy();
  return ((await response.json()) as { data: FakeStripeRequest[] }).data;
}

const signer = new Stripe('sk_test_e2eSigner', { telemetry: false });

/** An event as Stripe sends it (for a connected account when `account` is given). */
export function stripeEvent(type: string, object: Record<string, unknown>, account?: string) {
  return {
    id: `evt_e2e${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`,
    object: 'event',
    api_version: '2025-01-27',
    type,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    ...(account ? { account } : {}),
    data: { object },
  };
}

/** Delivers an event to the Stripe webhook as Stripe would: the exact JSON text, signed with the SDK's test helper. */
export async function deliverStripeEvent(request: APIRequestContext, event: ReturnType<typeof stripeEvent>) {
  const payload = JSON.stringify(event);
  const signature = signer.webhooks.generateTestHeaderString({ payload, secret: e2eStripe().stripeWebhookSecret });
  const response = await request.post('/api/v1/webhooks/stripe', {
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    data: payload,
  });
  expect(response.status(), await response.text()).toBe(200);
  expect(((await response.json()) as { duplicate: boolean }).duplicate).toBe(false);
}

/** Stripe's account once onboarding is finished: charges and payouts enabled, nothing due. */
export const onboardedAccount = (id: string) => ({
  id,
  object: 'account',
  type: 'express',
  charges_enabled: true,
  payouts_enabled: true,
  details_submitted: true,
  requirements: { currently_due: [], eventually_due: [], past_due: [] },
  livemode: false,
});

/**
 * Creates an object straight in the fake Stripe (as if made in Stripe's dashboard), on a connected account
 * when `account` is given: the server learns of it only from a sync, an import or a webhook.
 */
export async function createInFakeStripe(request: APIRequestContext, resource: string, fields: Record<string, string>, account?: string): Promise<{ id: string }> {
  const response = await request.post(`${e2eStripe().stripeApiBase}/v1/${resource}`, { form: fields, headers: account ? { 'Stripe-Account': account } : {} });
  expect(response.ok(), await response.text()).toBeTruthy();
  return (await response.json()) as { id: string };
}
