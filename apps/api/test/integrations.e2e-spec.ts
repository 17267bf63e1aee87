import { loadConfig } from '@app/core';
import { JOB_OPTIONS, JobName } from '@app/queue';
import { IntegrationStateService } from '@app/tenants';
import { bearer, expectProblem, markEmailVerified, ownerQuery, signup, startTestApp, TestApp } from './harness';
import { freePort } from './net-helpers';
import { addMember } from './team.fixtures';

type Signup = Awaited<ReturnType<typeof signup>>;

const STRIPE_KEY = 'sk_test_51IntegrationStatusSecretKey0123456789';
const WEBHOOK_SECRET = 'whsec_integrationStatusSigningSecret';
const SMTP_PASSWORD = 'smtp-Pa55word-never-shown';

describe('integration status (e2e)', () => {
  let t: TestApp;
  let smtpPort: number;
  let staff: Signup;
  const savedOptions = { ...JOB_OPTIONS[JobName.SendEmail] };
  beforeAll(async () => {
    Object.assign(JOB_OPTIONS[JobName.SendEmail], { attempts: 2, backoffMs: 50 });
    smtpPort = await freePort();
    t = await startTestApp({
      worker: true,
      env: { STRIPE_SECRET_KEY: STRIPE_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, SMTP_URL: `smtp://mailer:${SMTP_PASSWORD}@127.0.0.1:${smtpPort}` },
    });
    staff = await signup(t, { name: 'Staff' });
    await ownerQuery(t, `update users set platform_role = 'support' where id = $1`, [staff.userId]);
  });
  afterAll(async () => {
    await t.close();
    Object.assign(JOB_OPTIONS[JobName.SendEmail], savedOptions);
    for (const key of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'SMTP_URL']) delete process.env[key];
  });

  const status = async (who: Signup, path = '/api/v1/integrations/status') => {
    const res = await t.http().get(path).set(bearer(who.tokens)).expect(200);
    for (const secret of [STRIPE_KEY, 'IntegrationStatusSecretKey', WEBHOOK_SECRET, SMTP_PASSWORD, 'mailer']) expect(res.text).not.toContain(secret);
    return res.body;
  };

  it('shows Stripe configured in test mode, the SMTP host and live checks, never a secret', async () => {
    const owner = await signup(t);
    const body = await status(owner);
    expect(body).toEqual({
      stripe: { configured: true, testMode: true, webhookSecretConfigured: true, lastWebhookAt: null, lastSyncAt: null },
      email: { kind: 'smtp', host: '127.0.0.1', port: smtpPort, directory: null, lastSentAt: null, failuresLast24h: 0 },
      redis: { ok: true, latencyMs: expect.any(Number) },
      database: { ok: true, latencyMs: expect.any(Number) },
      checkedAt: expect.any(String),
    });
    expect(await status(staff, '/api/v1/admin/integrations/status')).toMatchObject({ stripe: { configured: true, testMode: true } });
  });

  it('counts the tenant\'s failed emails of the last 24 hours (SMTP unreachable), and every tenant\'s for staff', async () => {
    const owner = await signup(t);
    const other = await signup(t);
    await markEmailVerified(t, owner.userId);
    const sent = await t.http().post('/api/v1/email-templates/invitation/send-test').set(bearer(owner.tokens)).send({}).expect(202);
    const deadline = Date.now() + 15000;
    let row: any;
    while (Date.now() < deadline) {
      [row] = await ownerQuery(t, `select status, attempts, last_error from email_messages where id = $1`, [sent.body.emailMessageId]);
      if (row.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(row).toEqual({ status: 'failed', attempts: 2, last_error: expect.stringMatching(/ECONNREFUSED/) });
    expect((await status(owner)).email.failuresLast24h).toBe(1);
    expect((await status(other)).email.failuresLast24h).toBe(0);
    expect((await status(staff, '/api/v1/admin/integrations/status')).email.failuresLast24h).toBeGreaterThanOrEqual(1);
    // an old failure no longer counts
    await ownerQuery(t, `update email_messages set failed_at = now() - interval '25 hours' where id = $1`, [sent.body.emailMessageId]);
    expect((await status(owner)).email.failuresLast24h).toBe(0);
  });

  it('reports the last Stripe webhook and sync recorded, not made-up times', async () => {
    const owner = await signup(t);
    const state = t.app.get(IntegrationStateService);
    const webhookAt = new Date(Date.now() - 60_000);
    await state.recordWebhookReceived('stripe', webhookAt);
    await state.recordWebhookReceived('stripe', new Date(webhookAt.getTime() - 3_600_000)); // an older one never moves it back
    let body = await status(owner);
    expect(body.stripe).toMatchObject({ lastWebhookAt: webhookAt.toISOString(), lastSyncAt: null });
    const syncAt = new Date();
    await state.recordSync('stripe', syncAt);
    body = await status(owner);
    expect(body.stripe).toMatchObject({ lastWebhookAt: webhookAt.toISOString(), lastSyncAt: syncAt.toISOString() });
  });

  it('needs integrations:read, and platform staff for the admin route', async () => {
    const owner = await signup(t);
    const viewer = await addMember(t, owner, ['viewer']);
    const client = await addMember(t, owner, ['client']);
    await t.http().get('/api/v1/integrations/status').set(bearer(viewer.tokens)).expect(200);
    expectProblem(await t.http().get('/api/v1/integrations/status').set(bearer(client.tokens)), 403, 'forbidden');
    expectProblem(await t.http().get('/api/v1/admin/integrations/status').set(bearer(owner.tokens)), 403);
    expectProblem(await t.http().get('/api/v1/integrations/status'), 401);
  });

  it('refuses malformed Stripe settings at start-up and reads test mode from the key', () => {
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'pk_test_123' })).toThrow(/STRIPE_SECRET_KEY must be a Stripe secret or restricted key/);
    expect(() => loadConfig({ STRIPE_WEBHOOK_SECRET: 'secret' })).toThrow(/STRIPE_WEBHOOK_SECRET must start with whsec_/);
    expect(loadConfig({ STRIPE_SECRET_KEY: 'rk_live_abc123' })).toMatchObject({ stripeSecretKey: 'rk_live_abc123', stripeWebhookSecret: null });
    expect(loadConfig({})).toMatchObject({ stripeSecretKey: null, stripeWebhookSecret: null });
  });
});

describe('integration status without Stripe, with the file transport (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: true });
  });
  afterAll(async () => t.close());

  it('says Stripe is not configured and where .eml files go, with the last email sent', async () => {
    const owner = await signup(t);
    await markEmailVerified(t, owner.userId);
    await t.http().post('/api/v1/email-templates/invitation/send-test').set(bearer(owner.tokens)).send({}).expect(202);
    let body: any;
    const deadline = Date.now() + 10000;
    do {
      body = (await t.http().get('/api/v1/integrations/status').set(bearer(owner.tokens)).expect(200)).body;
      if (body.email.lastSentAt) break;
      await new Promise((r) => setTimeout(r, 100));
    } while (Date.now() < deadline);
    expect(body.stripe).toEqual({ configured: false, testMode: false, webhookSecretConfigured: false, lastWebhookAt: null, lastSyncAt: null });
    expect(body.email).toEqual({ kind: 'file', host: null, port: null, directory: t.mailDir, lastSentAt: expect.any(String), failuresLast24h: 0 });
  });
});
