import { authenticator } from 'otplib';
import { bearer, login, markEmailVerified, ownerQuery, PASSWORD, signup, startTestApp, TestApp, Tokens, tokenSentTo, uniqueEmail } from './harness';
import { listRoutes, isMutating } from './routes';
import { FakeStripe, seedPrice, seedSubscription, stripeEnv } from './billing.fixtures';
import { addMember, invitationTokenSentTo, roleIds } from './team.fixtures';
import { totpCodeAt, totpStepWithTimeLeft } from './totp.fixtures';

type Signup = Awaited<ReturnType<typeof signup>>;

interface Ctx {
  t: TestApp;
  owner: Signup;
  admin: Signup;
  fake: FakeStripe;
}

/** One successful call of a mutating route and the audit action it must write. */
interface Scenario {
  action: string | RegExp;
  run: (ctx: Ctx) => Promise<unknown>;
}

const api = (ctx: Ctx) => ctx.t.http();
const as = (tokens: Tokens | string) => bearer(tokens);

/** A billing customer of the owner's business, created through the API (against the fake Stripe). */
async function billingCustomer(c: Ctx): Promise<string> {
  const res = await api(c).post('/api/v1/billing/customers').set(as(c.owner.tokens)).send({ email: uniqueEmail('customer') }).expect(201);
  return res.body.id as string;
}

/** A one-off invoice of the owner's business (a draft, or finalized: open), created through the API. */
async function billingInvoice(c: Ctx, finalized = true): Promise<string> {
  const draft = await api(c)
    .post('/api/v1/billing/invoices')
    .set(as(c.owner.tokens))
    .send({ customerId: await billingCustomer(c), currency: 'EUR', collectionMethod: 'send_invoice', lines: [{ description: 'Audited work', unitAmount: 2500 }] })
    .expect(201);
  if (finalized) await api(c).post(`/api/v1/billing/invoices/${draft.body.id}/finalize`).set(as(c.owner.tokens)).send({}).expect(200);
  return draft.body.id as string;
}

/** A product with one one-time price of the owner's business, created through the API. */
async function billingProduct(c: Ctx): Promise<{ id: string; priceId: string }> {
  const res = await api(c)
    .post('/api/v1/billing/products')
    .set(as(c.owner.tokens))
    .send({ name: 'Plan for audit', prices: [{ currency: 'EUR', unitAmount: 1500, type: 'one_time' }] })
    .expect(201);
  return { id: res.body.id as string, priceId: res.body.prices[0].id as string };
}

/** A succeeded payment of the owner's business in the mirror (on the platform account). */
async function succeededPayment(c: Ctx): Promise<string> {
  const [row] = await ownerQuery(
    c.t,
    `insert into billing_payments (id, tenant_id, stripe_id, stripe_updated_at, amount, amount_received, currency, status) values (gen_random_uuid(), $1, 'pi_audited_' || md5(random()::text), now(), 5000, 5000, 'EUR', 'succeeded') returning id`,
    [c.owner.tenantId],
  );
  return row.id as string;
}

/** A refund of the owner's business waiting for approval, requested by someone else (the platform admin's user). */
async function refundAwaitingApproval(c: Ctx): Promise<string> {
  const [row] = await ownerQuery(
    c.t,
    `insert into billing_refund_requests (id, tenant_id, payment_id, operation_id, amount, currency, reason, status, requested_by) values (gen_random_uuid(), $1, $2, md5(random()::text), 2000, 'EUR', 'duplicate', 'pending_approval', $3) returning id`,
    [c.owner.tenantId, await succeededPayment(c), c.admin.userId],
  );
  return row.id as string;
}

/** A pay link of the owner's business, created through the API. */
async function paylink(c: Ctx, body: Record<string, unknown> = {}): Promise<{ id: string; slug: string }> {
  const res = await api(c).post('/api/v1/paylinks').set(as(c.owner.tokens)).send({ title: 'Audited link', amount: 1500, currency: 'EUR', ...body }).expect(201);
  return { id: res.body.id as string, slug: res.body.slug as string };
}

/** A platform plan (staff) with one monthly price, created through the API. */
async function platformPlan(c: Ctx): Promise<{ id: string; priceId: string }> {
  const res = await api(c)
    .post('/api/v1/admin/billing/plans')
    .set(as(c.admin.tokens))
    .send({ planKey: 'starter', name: 'Audited platform plan', prices: [{ interval: 'month', currency: 'USD', unitAmount: 1900 }] })
    .expect(201);
  return { id: res.body.id as string, priceId: res.body.prices[0].id as string };
}

/** A percent coupon of the owner's business, created through the API. */
async function billingCoupon(c: Ctx): Promise<string> {
  const res = await api(c).post('/api/v1/billing/coupons').set(as(c.owner.tokens)).send({ name: 'Audited coupon', percentOff: 15, duration: 'once' }).expect(201);
  return res.body.id as string;
}

/** A promotion code (a unique code each time) of a new coupon of the owner's business, created through the API. */
async function promotionCode(c: Ctx): Promise<string> {
  const code = `AUDIT${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
  const res = await api(c).post(`/api/v1/billing/coupons/${await billingCoupon(c)}/promotion-codes`).set(as(c.owner.tokens)).send({ code }).expect(201);
  return res.body.id as string;
}

/** The Stripe account the owner's business sells through now (null: the platform's; the Connect scenario connects one). */
async function sellingAccount(c: Ctx): Promise<string | null> {
  const [row] = await ownerQuery(c.t, `select account_id from stripe_accounts where tenant_id = $1`, [c.owner.tenantId]);
  return row?.account_id ?? null;
}

/** A subscription of the owner's business, in the fake Stripe and the mirror; `action` on it with `body`. */
async function subscriptionAction(
  c: Ctx,
  action: string,
  body: (s: Awaited<ReturnType<typeof seedSubscription>>, account: string | null) => Promise<object> | object,
  options: Parameters<typeof seedSubscription>[4] = {},
) {
  const account = await sellingAccount(c);
  const subscription = await seedSubscription(c.t, c.fake, c.owner.tenantId, account, options);
  return api(c).post(`/api/v1/billing/subscriptions/${subscription.id}/${action}`).set(as(c.owner.tokens)).send(await body(subscription, account)).expect(200);
}

/** A subscription of the owner's own customer (linked to the owner's membership); the owner's own `action` on it. */
async function ownSubscriptionAction(c: Ctx, action: string, body: object, options: Parameters<typeof seedSubscription>[4] = {}) {
  const subscription = await seedSubscription(c.t, c.fake, c.owner.tenantId, await sellingAccount(c), options);
  // One customer per member: the one of an earlier scenario lets go first.
  await ownerQuery(c.t, `update billing_customers set membership_id = null where tenant_id = $1 and membership_id = (select id from memberships where tenant_id = $1 and user_id = $2)`, [c.owner.tenantId, c.owner.userId]);
  await ownerQuery(
    c.t,
    `update billing_customers set membership_id = (select id from memberships where tenant_id = $1 and user_id = $3) where tenant_id = $1 and stripe_id = $2`,
    [c.owner.tenantId, subscription.customer, c.owner.userId],
  );
  return api(c).post(`/api/v1/billing/me/subscriptions/${subscription.id}/${action}`).set(as(c.owner.tokens)).send(body).expect(200);
}

async function freshInvitation(ctx: Ctx): Promise<{ id: string; email: string }> {
  const viewer = (await roleIds(ctx.t, ctx.owner.tokens)).viewer;
  const email = uniqueEmail('audited');
  const res = await api(ctx).post('/api/v1/invitations').set(as(ctx.owner.tokens)).send({ email, roleIds: [viewer] }).expect(201);
  return { id: res.body.id, email };
}

async function webhookEndpoint(ctx: Ctx): Promise<string> {
  const res = await api(ctx).post('/api/v1/webhook-endpoints').set(as(ctx.owner.tokens)).send({ url: 'https://93.184.216.34/hooks', eventTypes: ['member.joined'] }).expect(201);
  return res.body.id;
}

async function openDeadLetter(ctx: Ctx): Promise<string> {
  const [row] = await ownerQuery(
    ctx.t,
    `insert into dead_letters (id, tenant_id, queue, job_name, job_id, payload, error, attempts)
     values (gen_random_uuid(), $1, 'system', 'system.health-ping', gen_random_uuid()::text, '{}', 'boom', 1) returning id`,
    [ctx.owner.tenantId],
  );
  return row.id;
}

async function storedStripeEvent(ctx: Ctx): Promise<string> {
  const [row] = await ownerQuery(
    ctx.t,
    `insert into stripe_events (id, stripe_event_id, type, created, livemode, payload, status)
     values (gen_random_uuid(), 'evt_' || md5(random()::text), 'product.updated', now(), false, '{}', 'failed') returning id`,
  );
  return row.id;
}

async function pendingTenant(ctx: Ctx): Promise<string> {
  const other = await signup(ctx.t);
  await ownerQuery(ctx.t, `update tenants set status = 'pending' where id = $1`, [other.tenantId]);
  return other.tenantId;
}

/**
 * Every mutating route of the API, with how to call it successfully and the audit action it writes.
 * A new mutating route fails this file until it is listed here (or in NOT_AUDITED with a reason).
 */
const SCENARIOS: Record<string, Scenario> = {
  'POST /api/v1/roles': { action: 'role.created', run: (c) => api(c).post('/api/v1/roles').set(as(c.owner.tokens)).send({ name: `R ${uniqueEmail('r')}`, permissions: [] }).expect(201) },
  'PATCH /api/v1/roles/{id}': {
    action: 'role.updated',
    run: async (c) => {
      const role = (await api(c).post('/api/v1/roles').set(as(c.owner.tokens)).send({ name: `P ${uniqueEmail('r')}`, permissions: [] }).expect(201)).body;
      await api(c).patch(`/api/v1/roles/${role.id}`).set(as(c.owner.tokens)).send({ permissions: ['members:read'] }).expect(200);
    },
  },
  'DELETE /api/v1/roles/{id}': {
    action: 'role.deleted',
    run: async (c) => {
      const role = (await api(c).post('/api/v1/roles').set(as(c.owner.tokens)).send({ name: `D ${uniqueEmail('r')}`, permissions: [] }).expect(201)).body;
      await api(c).delete(`/api/v1/roles/${role.id}`).set(as(c.owner.tokens)).expect(204);
    },
  },
  'PATCH /api/v1/tenant': { action: 'tenant.updated', run: (c) => api(c).patch('/api/v1/tenant').set(as(c.owner.tokens)).send({ name: `Renamed ${Date.now()}` }).expect(200) },
  'PATCH /api/v1/members/{id}': {
    action: /^member\.(roles_changed|deactivated|activated)$/,
    run: async (c) => {
      const member = await addMember(c.t, c.owner, ['viewer']);
      await api(c).patch(`/api/v1/members/${member.membershipId}`).set(as(c.owner.tokens)).send({ active: false }).expect(200);
    },
  },
  'DELETE /api/v1/members/{id}': {
    action: 'member.removed',
    run: async (c) => {
      const member = await addMember(c.t, c.owner, ['viewer']);
      await api(c).delete(`/api/v1/members/${member.membershipId}`).set(as(c.owner.tokens)).expect(204);
    },
  },
  'POST /api/v1/invitations': { action: 'invitation.created', run: (c) => freshInvitation(c) },
  'DELETE /api/v1/invitations/{id}': {
    action: 'invitation.revoked',
    run: async (c) => api(c).delete(`/api/v1/invitations/${(await freshInvitation(c)).id}`).set(as(c.owner.tokens)).expect(204),
  },
  'POST /api/v1/invitations/{id}/resend': {
    action: 'invitation.resent',
    run: async (c) => api(c).post(`/api/v1/invitations/${(await freshInvitation(c)).id}/resend`).set(as(c.owner.tokens)).send({}).expect(200),
  },
  'POST /api/v1/invitations/accept': {
    action: 'invitation.accepted',
    run: async (c) => {
      const invitation = await freshInvitation(c);
      const token = await invitationTokenSentTo(c.t, invitation.email);
      await api(c).post('/api/v1/invitations/accept').send({ token, name: 'Accepter', password: PASSWORD }).expect(200);
    },
  },
  'POST /api/v1/auth/signup': {
    action: 'user.signup_requested',
    run: (c) => api(c).post('/api/v1/auth/signup').send({ email: uniqueEmail('requested'), password: PASSWORD, name: 'Requester', tenantName: 'Requested Co' }).expect(202),
  },
  'POST /api/v1/auth/signup/confirm': { action: 'user.signed_up', run: (c) => signup(c.t) },
  'POST /api/v1/auth/login': { action: 'auth.signed_in', run: (c) => login(c.t, c.owner.email) },
  'POST /api/v1/auth/logout': {
    action: 'auth.signed_out',
    run: async (c) => {
      const tokens = await login(c.t, c.owner.email);
      await api(c).post('/api/v1/auth/logout').set(as(tokens)).send({}).expect(204);
    },
  },
  'POST /api/v1/auth/switch-tenant': {
    action: 'auth.tenant_switched',
    run: async (c) => {
      await api(c).post('/api/v1/auth/switch-tenant').set(as(c.owner.tokens)).send({ tenantId: c.owner.tenantId }).expect(200);
    },
  },
  'POST /api/v1/auth/password/forgot': { action: 'user.password_reset_requested', run: (c) => api(c).post('/api/v1/auth/password/forgot').send({ email: c.owner.email }).expect(202) },
  'POST /api/v1/auth/password/reset': {
    action: 'user.password_reset',
    run: async (c) => {
      const user = await signup(c.t);
      await api(c).post('/api/v1/auth/password/forgot').send({ email: user.email }).expect(202);
      await api(c).post('/api/v1/auth/password/reset').send({ token: await tokenSentTo(c.t, user.email, 'password-reset'), password: 'An0ther-Passw0rd!' }).expect(204);
    },
  },
  'POST /api/v1/auth/email/verify': {
    action: 'user.email_verified',
    run: async (c) => {
      const user = await signup(c.t);
      await ownerQuery(c.t, `update users set email_verified_at = null where id = $1`, [user.userId]);
      await api(c).post('/api/v1/auth/email/resend').set(as(user.tokens)).send({}).expect(202);
      await api(c).post('/api/v1/auth/email/verify').send({ token: await tokenSentTo(c.t, user.email, 'verify-email') }).expect(204);
    },
  },
  'POST /api/v1/auth/email/resend': {
    action: 'user.verification_sent',
    run: async (c) => {
      const user = await signup(c.t);
      await ownerQuery(c.t, `update users set email_verified_at = null where id = $1`, [user.userId]);
      await api(c).post('/api/v1/auth/email/resend').set(as(user.tokens)).send({}).expect(202);
    },
  },
  'POST /api/v1/auth/totp/setup': { action: 'user.totp_setup_started', run: async (c) => api(c).post('/api/v1/auth/totp/setup').set(as((await signup(c.t)).tokens)).send({}).expect(201) },
  'POST /api/v1/auth/totp/enable': {
    action: 'user.totp_enabled',
    run: async (c) => {
      const user = await signup(c.t);
      const setup = (await api(c).post('/api/v1/auth/totp/setup').set(as(user.tokens)).send({}).expect(201)).body;
      await api(c).post('/api/v1/auth/totp/enable').set(as(user.tokens)).send({ code: authenticator.generate(setup.secret) }).expect(204);
    },
  },
  'POST /api/v1/auth/totp/disable': {
    action: 'user.totp_disabled',
    run: async (c) => {
      const user = await signup(c.t);
      const setup = (await api(c).post('/api/v1/auth/totp/setup').set(as(user.tokens)).send({}).expect(201)).body;
      // A code works once: enable and disable use codes of two consecutive time steps.
      const step = await totpStepWithTimeLeft(5);
      await api(c).post('/api/v1/auth/totp/enable').set(as(user.tokens)).send({ code: totpCodeAt(setup.secret, step - 1) }).expect(204);
      await api(c).post('/api/v1/auth/totp/disable').set(as(user.tokens)).send({ code: totpCodeAt(setup.secret, step) }).expect(204);
    },
  },
  'DELETE /api/v1/auth/sessions/{id}': {
    action: 'auth.session_revoked',
    run: async (c) => {
      const other = await login(c.t, c.owner.email);
      const [session] = await ownerQuery(c.t, `select id from auth_sessions where user_id = $1 order by created_at desc limit 1`, [c.owner.userId]);
      expect(other.accessToken).toBeTruthy();
      await api(c).delete(`/api/v1/auth/sessions/${session.id}`).set(as(c.owner.tokens)).expect(204);
    },
  },
  'POST /api/v1/api-keys': { action: 'api_key.created', run: (c) => api(c).post('/api/v1/api-keys').set(as(c.owner.tokens)).send({ name: 'Audited', scopes: ['members:read'] }).expect(201) },
  'DELETE /api/v1/api-keys/{id}': {
    action: 'api_key.revoked',
    run: async (c) => {
      const key = (await api(c).post('/api/v1/api-keys').set(as(c.owner.tokens)).send({ name: 'Audited', scopes: ['members:read'] }).expect(201)).body;
      await api(c).delete(`/api/v1/api-keys/${key.id}`).set(as(c.owner.tokens)).expect(204);
    },
  },
  'POST /api/v1/admin/tenants/{id}/impersonate': {
    action: 'tenant.impersonation_started',
    run: (c) => api(c).post(`/api/v1/admin/tenants/${c.owner.tenantId}/impersonate`).set(as(c.admin.tokens)).send({ userId: c.owner.userId }).expect(200),
  },
  'POST /api/v1/admin/tenants/bulk': {
    action: 'tenant.plan_changed',
    run: async (c) => api(c).post('/api/v1/admin/tenants/bulk').set(as(c.admin.tokens)).send({ action: 'change_plan', ids: [(await signup(c.t)).tenantId], plan: 'pro' }).expect(200),
  },
  'POST /api/v1/admin/tenants/{id}/approve': { action: 'tenant.approved', run: async (c) => api(c).post(`/api/v1/admin/tenants/${await pendingTenant(c)}/approve`).set(as(c.admin.tokens)).send({}).expect(200) },
  'POST /api/v1/admin/tenants/{id}/reject': {
    action: 'tenant.rejected',
    run: async (c) => api(c).post(`/api/v1/admin/tenants/${await pendingTenant(c)}/reject`).set(as(c.admin.tokens)).send({ reason: 'Not a real business' }).expect(200),
  },
  'POST /api/v1/admin/tenants/{id}/suspend': {
    action: 'tenant.suspended',
    run: async (c) => api(c).post(`/api/v1/admin/tenants/${(await signup(c.t)).tenantId}/suspend`).set(as(c.admin.tokens)).send({ reason: 'Chargebacks' }).expect(200),
  },
  'POST /api/v1/admin/tenants/{id}/activate': {
    action: 'tenant.activated',
    run: async (c) => {
      const tenantId = (await signup(c.t)).tenantId;
      await ownerQuery(c.t, `update tenants set status = 'suspended' where id = $1`, [tenantId]);
      await api(c).post(`/api/v1/admin/tenants/${tenantId}/activate`).set(as(c.admin.tokens)).send({}).expect(200);
    },
  },
  'POST /api/v1/admin/queues/session': {
    action: 'queue_dashboard.session_opened',
    run: (c) => api(c).post('/api/v1/admin/queues/session').set(as(c.admin.tokens)).send({}).expect(201),
  },
  'POST /api/v1/webhook-endpoints': { action: 'webhook_endpoint.created', run: (c) => webhookEndpoint(c) },
  'PATCH /api/v1/webhook-endpoints/{id}': {
    action: 'webhook_endpoint.updated',
    run: async (c) => api(c).patch(`/api/v1/webhook-endpoints/${await webhookEndpoint(c)}`).set(as(c.owner.tokens)).send({ description: 'Changed' }).expect(200),
  },
  'DELETE /api/v1/webhook-endpoints/{id}': {
    action: 'webhook_endpoint.deleted',
    run: async (c) => api(c).delete(`/api/v1/webhook-endpoints/${await webhookEndpoint(c)}`).set(as(c.owner.tokens)).expect(204),
  },
  'POST /api/v1/webhook-endpoints/{id}/rotate-secret': {
    action: 'webhook_endpoint.secret_rotated',
    run: async (c) => api(c).post(`/api/v1/webhook-endpoints/${await webhookEndpoint(c)}/rotate-secret`).set(as(c.owner.tokens)).send({}).expect(200),
  },
  'POST /api/v1/webhook-endpoints/{id}/test': {
    action: 'webhook_endpoint.test_sent',
    run: async (c) => api(c).post(`/api/v1/webhook-endpoints/${await webhookEndpoint(c)}/test`).set(as(c.owner.tokens)).send({}).expect(201),
  },
  'POST /api/v1/webhook-deliveries/{id}/replay': {
    action: 'webhook_delivery.replayed',
    run: async (c) => {
      const endpointId = await webhookEndpoint(c);
      const delivery = (await api(c).post(`/api/v1/webhook-endpoints/${endpointId}/test`).set(as(c.owner.tokens)).send({}).expect(201)).body;
      await api(c).post(`/api/v1/webhook-deliveries/${delivery.id}/replay`).set(as(c.owner.tokens)).send({}).expect(201);
    },
  },
  'PUT /api/v1/email-templates/{key}': {
    action: 'email_template.updated',
    run: (c) => api(c).put('/api/v1/email-templates/invitation').set(as(c.owner.tokens)).send({ subject: 'Join {{tenantName}}', text: 'Open {{link}}' }).expect(200),
  },
  'DELETE /api/v1/email-templates/{key}': {
    action: 'email_template.reset',
    run: async (c) => {
      await api(c).put('/api/v1/email-templates/invitation').set(as(c.owner.tokens)).send({ subject: 'Join {{tenantName}}', text: 'Open {{link}}' }).expect(200);
      await api(c).delete('/api/v1/email-templates/invitation').set(as(c.owner.tokens)).expect(204);
    },
  },
  'POST /api/v1/email-templates/{key}/send-test': {
    action: 'email_template.test_sent',
    run: async (c) => {
      // test sends go only to a verified address
      await markEmailVerified(c.t, c.owner.userId);
      await api(c).post('/api/v1/email-templates/invitation/send-test').set(as(c.owner.tokens)).send({}).expect(202);
    },
  },
  'PUT /api/v1/feature-flags/{key}': {
    action: 'feature_flag.overridden',
    run: (c) => api(c).put('/api/v1/feature-flags/paylinks.qr').set(as(c.owner.tokens)).send({ enabled: false }).expect(200),
  },
  'DELETE /api/v1/feature-flags/{key}': {
    action: 'feature_flag.override_removed',
    run: (c) => api(c).delete('/api/v1/feature-flags/paylinks.qr').set(as(c.owner.tokens)).expect(200),
  },
  'PUT /api/v1/admin/feature-flags/{key}': {
    action: 'feature_flag_default.set',
    run: (c) => api(c).put('/api/v1/admin/feature-flags/paylinks.qr').set(as(c.admin.tokens)).send({ enabled: true }).expect(200),
  },
  'DELETE /api/v1/admin/feature-flags/{key}': {
    action: 'feature_flag_default.removed',
    run: (c) => api(c).delete('/api/v1/admin/feature-flags/paylinks.qr').set(as(c.admin.tokens)).expect(200),
  },
  'PATCH /api/v1/admin/settings': {
    action: 'platform_settings.updated',
    run: (c) => api(c).patch('/api/v1/admin/settings').set(as(c.admin.tokens)).send({ defaultPlatformFeeBps: 1200 }).expect(200),
  },
  'PATCH /api/v1/admin/tenants/{id}/platform-fee': {
    action: 'tenant.platform_fee_changed',
    run: (c) => api(c).patch(`/api/v1/admin/tenants/${c.owner.tenantId}/platform-fee`).set(as(c.admin.tokens)).send({ platformFeeBps: 900 }).expect(200),
  },
  'POST /api/v1/admin/dead-letters/{id}/replay': {
    action: 'dead_letter.replayed',
    run: async (c) => api(c).post(`/api/v1/admin/dead-letters/${await openDeadLetter(c)}/replay`).set(as(c.admin.tokens)).send({}).expect(200),
  },
  'POST /api/v1/admin/dead-letters/replay': {
    action: 'dead_letter.replayed',
    run: async (c) => api(c).post('/api/v1/admin/dead-letters/replay').set(as(c.admin.tokens)).send({ ids: [await openDeadLetter(c)] }).expect(200),
  },
  'POST /api/v1/billing/connect/onboarding-link': {
    action: 'stripe_account.onboarding_link_created',
    run: (c) => api(c).post('/api/v1/billing/connect/onboarding-link').set(as(c.owner.tokens)).send({}).expect(200),
  },
  'POST /api/v1/billing/customers': {
    action: 'customer.created',
    run: (c) => api(c).post('/api/v1/billing/customers').set(as(c.owner.tokens)).send({ email: uniqueEmail('customer') }).expect(201),
  },
  'PATCH /api/v1/billing/customers/{id}': {
    action: 'customer.updated',
    run: async (c) => api(c).patch(`/api/v1/billing/customers/${await billingCustomer(c)}`).set(as(c.owner.tokens)).send({ name: 'Renamed Buyer' }).expect(200),
  },
  'POST /api/v1/billing/customers/{id}/balance-transactions': {
    action: 'customer.balance_adjusted',
    run: async (c) => api(c).post(`/api/v1/billing/customers/${await billingCustomer(c)}/balance-transactions`).set(as(c.owner.tokens)).send({ kind: 'credit', amount: 500, currency: 'EUR', reason: 'Audited goodwill' }).expect(201),
  },
  'POST /api/v1/billing/failed-payments/{invoiceId}/reminders': {
    action: 'invoice.reminder_sent',
    run: async (c) => api(c).post(`/api/v1/billing/failed-payments/${await billingInvoice(c)}/reminders`).set(as(c.owner.tokens)).send({ template: 'payment-failed' }).expect(202),
  },
  'POST /api/v1/billing/subscriptions': {
    action: 'subscription.created',
    run: async (c) => {
      const price = await api(c).post('/api/v1/billing/products').set(as(c.owner.tokens)).send({ name: 'Audited plan', prices: [{ currency: 'EUR', unitAmount: 1500, type: 'recurring', interval: 'month' }] }).expect(201);
      return api(c).post('/api/v1/billing/subscriptions').set(as(c.owner.tokens)).send({ customerId: await billingCustomer(c), priceId: price.body.prices[0].id, collectionMethod: 'send_invoice' }).expect(201);
    },
  },
  'POST /api/v1/billing/invoices': {
    action: 'invoice.created',
    run: async (c) => api(c).post('/api/v1/billing/invoices').set(as(c.owner.tokens)).send({ customerId: await billingCustomer(c), currency: 'EUR', collectionMethod: 'charge_automatically', lines: [{ description: 'Audited', unitAmount: 900 }] }).expect(201),
  },
  'POST /api/v1/billing/invoices/{id}/finalize': {
    action: 'invoice.finalized',
    run: async (c) => api(c).post(`/api/v1/billing/invoices/${await billingInvoice(c, false)}/finalize`).set(as(c.owner.tokens)).send({}).expect(200),
  },
  'POST /api/v1/billing/invoices/{id}/send': {
    action: 'invoice.sent',
    run: async (c) => api(c).post(`/api/v1/billing/invoices/${await billingInvoice(c)}/send`).set(as(c.owner.tokens)).send({}).expect(200),
  },
  'POST /api/v1/billing/invoices/{id}/void': {
    action: 'invoice.voided',
    run: async (c) => api(c).post(`/api/v1/billing/invoices/${await billingInvoice(c)}/void`).set(as(c.owner.tokens)).send({}).expect(200),
  },
  'POST /api/v1/billing/invoices/{id}/mark-uncollectible': {
    action: 'invoice.marked_uncollectible',
    run: async (c) => api(c).post(`/api/v1/billing/invoices/${await billingInvoice(c)}/mark-uncollectible`).set(as(c.owner.tokens)).send({}).expect(200),
  },
  'POST /api/v1/billing/invoices/{id}/pay': {
    action: 'invoice.pay_attempted',
    run: async (c) => api(c).post(`/api/v1/billing/invoices/${await billingInvoice(c)}/pay`).set(as(c.owner.tokens)).send({}).expect(200),
  },
  'POST /api/v1/billing/products': {
    action: 'product.created',
    run: (c) => api(c).post('/api/v1/billing/products').set(as(c.owner.tokens)).send({ name: 'Audited plan' }).expect(201),
  },
  'PATCH /api/v1/billing/products/{id}': {
    action: 'product.updated',
    run: async (c) => api(c).patch(`/api/v1/billing/products/${(await billingProduct(c)).id}`).set(as(c.owner.tokens)).send({ name: 'Renamed plan' }).expect(200),
  },
  'POST /api/v1/billing/products/{id}/prices': {
    action: 'price.created',
    run: async (c) =>
      api(c).post(`/api/v1/billing/products/${(await billingProduct(c)).id}/prices`).set(as(c.owner.tokens)).send({ currency: 'EUR', unitAmount: 900, type: 'one_time' }).expect(201),
  },
  'PATCH /api/v1/billing/prices/{id}': {
    action: 'price.updated',
    run: async (c) => api(c).patch(`/api/v1/billing/prices/${(await billingProduct(c)).priceId}`).set(as(c.owner.tokens)).send({ nickname: 'Renamed price' }).expect(200),
  },
  'POST /api/v1/billing/checkout-sessions': {
    action: 'checkout_session.created',
    run: async (c) =>
      api(c)
        .post('/api/v1/billing/checkout-sessions')
        .set(as(c.owner.tokens))
        .send({ priceId: (await billingProduct(c)).priceId, customerEmail: uniqueEmail('buyer'), successUrl: 'https://shop.example.test/thanks', cancelUrl: 'https://shop.example.test/shop' })
        .expect(201),
  },
  'POST /api/v1/billing/portal-sessions': {
    action: 'portal_session.created',
    run: async (c) => api(c).post('/api/v1/billing/portal-sessions').set(as(c.owner.tokens)).send({ customerId: await billingCustomer(c), returnUrl: 'https://shop.example.test/account' }).expect(201),
  },
  // A business of its own each: no worker runs here, so a started run stays running (one per business).
  'POST /api/v1/billing/sync': {
    action: 'billing_sync.started',
    run: async (c) => api(c).post('/api/v1/billing/sync').set(as((await signup(c.t)).tokens)).send({}).expect(202),
  },
  'POST /api/v1/billing/import': {
    action: 'billing_sync.import_started',
    run: async (c) => api(c).post('/api/v1/billing/import').set(as((await signup(c.t)).tokens)).send({}).expect(202),
  },
  'POST /api/v1/admin/billing/stripe-events/{id}/replay': {
    action: 'stripe_event.replayed',
    run: async (c) => api(c).post(`/api/v1/admin/billing/stripe-events/${await storedStripeEvent(c)}/replay`).set(as(c.admin.tokens)).send({}).expect(200),
  },
  'POST /api/v1/admin/billing/plans': {
    action: 'platform_plan.created',
    run: (c) => api(c).post('/api/v1/admin/billing/plans').set(as(c.admin.tokens)).send({ planKey: 'pro', name: 'Audited' }).expect(201),
  },
  'PATCH /api/v1/admin/billing/plans/{id}': {
    action: 'platform_plan.archived',
    run: async (c) => api(c).patch(`/api/v1/admin/billing/plans/${(await platformPlan(c)).id}`).set(as(c.admin.tokens)).send({ active: false }).expect(200),
  },
  'POST /api/v1/admin/billing/plans/{id}/prices': {
    action: 'platform_plan.price_replaced',
    run: async (c) =>
      api(c).post(`/api/v1/admin/billing/plans/${(await platformPlan(c)).id}/prices`).set(as(c.admin.tokens)).send({ interval: 'month', currency: 'usd', unitAmount: 2900 }).expect(201),
  },
  'POST /api/v1/billing/plan-checkout': {
    action: 'platform_plan.checkout_started',
    run: async (c) =>
      api(c)
        .post('/api/v1/billing/plan-checkout')
        .set(as((await signup(c.t)).tokens))
        .send({ priceId: (await platformPlan(c)).priceId, successUrl: 'https://app.example.test/usage', cancelUrl: 'https://app.example.test/usage' })
        .expect(201),
  },
  'POST /api/v1/billing/plan-portal': {
    action: 'platform_plan.portal_opened',
    run: async (c) => {
      const owner = await signup(c.t);
      const priceId = (await platformPlan(c)).priceId;
      await api(c).post('/api/v1/billing/plan-checkout').set(as(owner.tokens)).send({ priceId, successUrl: 'https://app.example.test/usage', cancelUrl: 'https://app.example.test/usage' }).expect(201);
      return api(c).post('/api/v1/billing/plan-portal').set(as(owner.tokens)).send({ returnUrl: 'https://app.example.test/usage' }).expect(201);
    },
  },
  'POST /api/v1/billing/coupons': {
    action: 'coupon.created',
    run: (c) => api(c).post('/api/v1/billing/coupons').set(as(c.owner.tokens)).send({ name: 'Audited', amountOff: 500, currency: 'EUR', duration: 'repeating', durationInMonths: 2 }).expect(201),
  },
  'POST /api/v1/billing/coupons/{id}/deactivate': {
    action: 'coupon.deactivated',
    run: async (c) => api(c).post(`/api/v1/billing/coupons/${await billingCoupon(c)}/deactivate`).set(as(c.owner.tokens)).send({}).expect(200),
  },
  'POST /api/v1/billing/coupons/{id}/promotion-codes': { action: 'promotion_code.created', run: (c) => promotionCode(c) },
  'POST /api/v1/billing/promotion-codes/{id}/deactivate': {
    action: 'promotion_code.deactivated',
    run: async (c) => api(c).post(`/api/v1/billing/promotion-codes/${await promotionCode(c)}/deactivate`).set(as(c.owner.tokens)).send({}).expect(200),
  },
  'POST /api/v1/billing/promotion-codes/{id}/activate': {
    action: 'promotion_code.activated',
    run: async (c) => {
      const id = await promotionCode(c);
      await api(c).post(`/api/v1/billing/promotion-codes/${id}/deactivate`).set(as(c.owner.tokens)).send({}).expect(200);
      return api(c).post(`/api/v1/billing/promotion-codes/${id}/activate`).set(as(c.owner.tokens)).send({}).expect(200);
    },
  },
  'POST /api/v1/billing/subscriptions/{id}/coupon': {
    action: 'subscription.coupon_applied',
    run: async (c) => {
      const couponId = await billingCoupon(c);
      return subscriptionAction(c, 'coupon', () => ({ couponId }));
    },
  },
  'DELETE /api/v1/billing/subscriptions/{id}/coupon': {
    action: 'subscription.coupon_removed',
    run: async (c) => {
      const couponId = await billingCoupon(c);
      const applied = await subscriptionAction(c, 'coupon', () => ({ couponId }));
      return api(c).delete(`/api/v1/billing/subscriptions/${applied.body.id}/coupon`).set(as(c.owner.tokens)).expect(200);
    },
  },
  'POST /api/v1/billing/subscriptions/{id}/cancel': {
    action: 'subscription.cancel_scheduled',
    run: (c) => subscriptionAction(c, 'cancel', () => ({ atPeriodEnd: true, reason: 'other' })),
  },
  'POST /api/v1/billing/subscriptions/{id}/undo-cancel': {
    action: 'subscription.cancel_undone',
    run: (c) => subscriptionAction(c, 'undo-cancel', () => ({}), { cancelAtPeriodEnd: true }),
  },
  'POST /api/v1/billing/me/subscriptions/{id}/cancel': {
    action: 'subscription.cancel_scheduled',
    run: (c) => ownSubscriptionAction(c, 'cancel', { reason: 'unused' }),
  },
  'POST /api/v1/billing/me/subscriptions/{id}/undo-cancel': {
    action: 'subscription.cancel_undone',
    run: (c) => ownSubscriptionAction(c, 'undo-cancel', {}, { cancelAtPeriodEnd: true }),
  },
  'POST /api/v1/billing/subscriptions/{id}/pause': { action: 'subscription.paused', run: (c) => subscriptionAction(c, 'pause', () => ({ behavior: 'void' })) },
  'POST /api/v1/billing/subscriptions/{id}/resume': { action: 'subscription.resumed', run: (c) => subscriptionAction(c, 'resume', () => ({}), { paused: true }) },
  'POST /api/v1/billing/subscriptions/bulk': {
    action: 'subscriptions.bulk_requested',
    run: async (c) => {
      const subscription = await seedSubscription(c.t, c.fake, c.owner.tenantId, await sellingAccount(c));
      return api(c).post('/api/v1/billing/subscriptions/bulk').set(as(c.owner.tokens)).send({ action: 'cancel_at_period_end', subscriptionIds: [subscription.id] }).expect(202);
    },
  },
  'POST /api/v1/billing/subscriptions/{id}/extend': {
    action: 'subscription.extended',
    run: (c) => subscriptionAction(c, 'extend', (s) => ({ until: new Date((s.periodEnd + 7 * 86_400) * 1000).toISOString() })),
  },
  'POST /api/v1/billing/subscriptions/{id}/change-plan': {
    action: 'subscription.plan_changed',
    run: (c) => subscriptionAction(c, 'change-plan', async (s, account) => ({ priceId: (await seedPrice(c.t, c.fake, c.owner.tenantId, account, { product: s.product, unitAmount: 2500 })).id })),
  },
  'POST /api/v1/billing/payments/{id}/refunds': {
    action: 'refund.created',
    run: async (c) => api(c).post(`/api/v1/billing/payments/${await succeededPayment(c)}/refunds`).set(as(c.owner.tokens)).send({ amount: 1000, reason: 'duplicate' }).expect(201),
  },
  'POST /api/v1/billing/refund-requests/{id}/approve': {
    action: 'refund.approved',
    run: async (c) => api(c).post(`/api/v1/billing/refund-requests/${await refundAwaitingApproval(c)}/approve`).set(as(c.owner.tokens)).send({}).expect(200),
  },
  'POST /api/v1/billing/refund-requests/{id}/reject': {
    action: 'refund.rejected',
    run: async (c) => api(c).post(`/api/v1/billing/refund-requests/${await refundAwaitingApproval(c)}/reject`).set(as(c.owner.tokens)).send({ reason: 'Not eligible' }).expect(200),
  },
  'POST /api/v1/paylinks': { action: 'paylink.created', run: (c) => paylink(c) },
  'PATCH /api/v1/paylinks/{id}': {
    action: 'paylink.updated',
    run: async (c) => api(c).patch(`/api/v1/paylinks/${(await paylink(c)).id}`).set(as(c.owner.tokens)).send({ amount: 2500 }).expect(200),
  },
  'DELETE /api/v1/paylinks/{id}': {
    action: 'paylink.deleted',
    run: async (c) => api(c).delete(`/api/v1/paylinks/${(await paylink(c)).id}`).set(as(c.owner.tokens)).expect(200),
  },
  'POST /api/v1/paylinks/{id}/deactivate': {
    action: 'paylink.deactivated',
    run: async (c) => api(c).post(`/api/v1/paylinks/${(await paylink(c)).id}/deactivate`).set(as(c.owner.tokens)).send({}).expect(200),
  },
  'POST /api/v1/paylinks/{id}/activate': {
    action: 'paylink.activated',
    run: async (c) => {
      const { id } = await paylink(c);
      await api(c).post(`/api/v1/paylinks/${id}/deactivate`).set(as(c.owner.tokens)).send({}).expect(200);
      return api(c).post(`/api/v1/paylinks/${id}/activate`).set(as(c.owner.tokens)).send({}).expect(200);
    },
  },
  'POST /api/v1/public/paylinks/{tenantSlug}/{slug}/checkout': {
    action: 'paylink.checkout_started',
    run: async (c) => {
      const { slug } = await paylink(c);
      const [tenant] = await ownerQuery(c.t, `select slug from tenants where id = $1`, [c.owner.tenantId]);
      return api(c).post(`/api/v1/public/paylinks/${tenant.slug}/${slug}/checkout`).send({}).expect(201);
    },
  },
  'POST /api/v1/admin/dead-letters/{id}/discard': {
    action: 'dead_letter.discarded',
    run: async (c) => api(c).post(`/api/v1/admin/dead-letters/${await openDeadLetter(c)}/discard`).set(as(c.admin.tokens)).send({ reason: 'Obsolete' }).expect(200),
  },
};

/** Mutating routes that write no audit row, and why. */
const NOT_AUDITED: Record<string, string> = {
  'POST /api/v1/email-templates/{key}/preview': 'renders a draft and changes nothing (a POST only because drafts travel in the body)',
  'POST /api/v1/invitations/lookup': 'reads what an invitation is for (a POST only so the token travels in the body, not the URL)',
  'POST /api/v1/webhooks/stripe': 'Stripe\'s delivery, verified by its signature: the stored stripe_events row is its record; staff replays are audited',
  'POST /api/v1/auth/refresh': 'rotates a refresh token every few minutes; a reused token is audited (auth.refresh_reused)',
};

describe('every mutating route writes an audit row (e2e)', () => {
  let ctx: Ctx;
  const fakeStripe = new FakeStripe();
  beforeAll(async () => {
    const t = await startTestApp({ env: stripeEnv(await fakeStripe.start()) });
    const owner = await signup(t);
    const admin = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'super_admin' where id = $1`, [admin.userId]);
    ctx = { t, owner, admin, fake: fakeStripe };
  });
  afterAll(async () => {
    try {
      await ctx?.t.close();
    } finally {
      await fakeStripe.stop();
    }
  });

  it('lists every mutating route', () => {
    const routes = listRoutes(ctx.t.app).filter(isMutating).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    const missing = routes.filter((r) => !SCENARIOS[r] && !NOT_AUDITED[r]);
    expect(missing).toEqual([]);
    const stale = Object.keys(SCENARIOS).filter((r) => !routes.includes(r));
    expect(stale).toEqual([]);
  });

  it.each(Object.keys(SCENARIOS))('%s', async (route) => {
    const scenario = SCENARIOS[route];
    const [{ at }] = await ownerQuery(ctx.t, `select clock_timestamp() as at`);
    await scenario.run(ctx);
    const rows = await ownerQuery(ctx.t, `select action, request_id from audit_logs where created_at >= $1`, [at]);
    const matching = rows.filter((r) => (typeof scenario.action === 'string' ? r.action === scenario.action : scenario.action.test(r.action)));
    expect({ route, found: matching.length > 0, actions: rows.map((r) => r.action) }).toMatchObject({ route, found: true });
    expect(matching.every((r) => typeof r.request_id === 'string' && r.request_id.length > 0)).toBe(true);
  });
});
