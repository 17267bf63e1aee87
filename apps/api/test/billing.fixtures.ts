import { randomBytes } from 'node:crypto';
import { bearer, ownerQuery, type signup, startTestApp, type TestApp } from './harness';
import { FakeStripe, stripeEvent, stripeSignature } from './fake-stripe';
import { waitFor } from './net-helpers';

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

type Signup = Awaited<ReturnType<typeof signup>>;

/** Waits for a sync run to leave `running`; a timeout names the run's status and errors. */
export async function finished(t: TestApp, runId: string, timeoutMs = 30_000) {
  const row = async () => (await ownerQuery(t, `select status, errors from billing_sync_runs where id = $1`, [runId]))[0];
  try {
    await waitFor(async () => (await row())?.status !== 'running', `sync run ${runId} finished`, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}: ${JSON.stringify(await row())}`);
  }
}

/** Starts a run through the API (202) and waits for it to finish; returns the run as GET sync-runs/{id} shows it. */
export async function runSync(t: TestApp, owner: Signup, route: 'sync' | 'import') {
  const started = await t.http().post(`/api/v1/billing/${route}`).set(bearer(owner.tokens)).send({}).expect(202);
  expect(started.body).toMatchObject({ status: 'running', kind: route === 'import' ? 'import' : 'reconcile', trigger: 'manual', tenantId: owner.tenantId });
  await finished(t, started.body.id);
  return (await t.http().get(`/api/v1/billing/sync-runs/${started.body.id}`).set(bearer(owner.tokens)).expect(200)).body;
}

/** Gives a tenant a connected Stripe account (its objects then live apart in the fake, under that account). */
export async function connect(t: TestApp, tenantId: string): Promise<string> {
  const account = `acct_${randomBytes(5).toString('hex')}`;
  await ownerQuery(t, `insert into stripe_accounts (id, tenant_id, account_id, charges_enabled) values (gen_random_uuid(), $1, $2, true)`, [tenantId, account]);
  return account;
}

export { FakeStripe, stripeEvent };

/** Delivers events as Stripe would and waits until the worker processed every one (a timeout names their states). */
export async function deliverProcessed(t: TestApp, events: Array<ReturnType<typeof stripeEvent>>, timeoutMs = 20_000): Promise<void> {
  for (const event of events) await deliver(t, event).expect(200);
  const ids = events.map((e) => e.id);
  const rows = () => ownerQuery(t, `select stripe_event_id, status, last_error from stripe_events where stripe_event_id = any($1)`, [ids]);
  try {
    await waitFor(async () => (await rows()).filter((r) => r.status === 'processed').length === ids.length, `${ids.length} events processed`, timeoutMs);
  } catch (error) {
    throw new Error(`${(error as Error).message}: ${JSON.stringify(await rows())}`);
  }
}

/**
 * The test file's app billing against its own fake Stripe (with a worker processing Stripe events),
 * started before its tests and stopped after them; read `t` and `fake` once the tests run.
 */
export function billingTestApp(): { t: TestApp; fake: FakeStripe } {
  const app = { fake: new FakeStripe() } as { t: TestApp; fake: FakeStripe };
  beforeAll(async () => {
    app.t = await startTestApp({ worker: true, env: stripeEnv(await app.fake.start()) });
  });
  afterAll(async () => {
    await app.t?.close();
    await app.fake.stop();
  });
  return app;
}
