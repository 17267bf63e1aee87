import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { CardExpiryReminders, StaffDigest } from '@app/billing';
import { QueueName } from '@app/queue';
import { bearer, ownerQuery, signup, type TestApp, waitForMail } from './harness';
import { billingTestApp, connect, DAY, seconds, seedSubscription, suffix, type SeededSubscription } from './billing.fixtures';
import { addMember } from './team.fixtures';

type Owner = Awaited<ReturnType<typeof signup>>;

/** Gives the seeded subscription an invoice paid by a card expiring in `month`/`year` (the card the subscription detail shows). */
async function cardOf(t: TestApp, tenantId: string, account: string, sub: SeededSubscription, year: number, month: number): Promise<void> {
  const paymentIntent = `pi_${suffix()}`;
  await ownerQuery(
    t,
    `insert into billing_payments (id, tenant_id, stripe_account, stripe_id, stripe_updated_at, amount, currency, status, card_brand, card_last4, card_exp_month, card_exp_year)
     values (gen_random_uuid(), $1, $2, $3, now(), 1000, 'EUR', 'succeeded', 'visa', '4242', $4, $5)`,
    [tenantId, account, paymentIntent, month, year],
  );
  await ownerQuery(
    t,
    `insert into billing_invoices (id, tenant_id, stripe_account, stripe_id, stripe_updated_at, customer, subscription, status, currency, amount_due, amount_paid, payment_intent)
     values (gen_random_uuid(), $1, $2, $3, now(), $4, $5, 'paid', 'EUR', 1000, 1000, $6)`,
    [tenantId, account, `in_${suffix()}`, sub.customer, sub.stripeId, paymentIntent],
  );
}

const emails = (t: TestApp, tenantId: string, template: string) =>
  ownerQuery(t, `select to_address from email_messages where tenant_id = $1 and template_key = $2 order by to_address`, [tenantId, template]).then((rows) => rows.map((r) => r.to_address));

describe('billing: daily card-expiring reminders and staff digest (e2e)', () => {
  const app = billingTestApp();
  const turnOn = (owner: Owner, billingEmails: Record<string, boolean>) => app.t.http().patch('/api/v1/tenant').set(bearer(owner.tokens)).send({ settings: { billingEmails } }).expect(200);

  it('schedules both jobs daily', async () => {
    const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
    const queue = new Queue(QueueName.BillingSync, { connection, prefix: app.t.redisPrefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.find((s) => s.key === 'billing-card-expiry-reminders')).toMatchObject({ pattern: '0 8 * * *', tz: 'UTC', name: 'billing.card-expiry-reminders' });
      expect(schedulers.find((s) => s.key === 'billing-staff-digest')).toMatchObject({ pattern: '0 7 * * *', tz: 'UTC', name: 'billing.staff-digest' });
    } finally {
      await queue.close();
      await connection.quit();
    }
  });

  it('card expiring: one email (with a billing portal link) per subscription whose card expires this month, none on a re-run, none for a later card or a business that left it off', async () => {
    const { t, fake } = app;
    const now = new Date();
    const [year, month] = [now.getUTCFullYear(), now.getUTCMonth() + 1];
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    await turnOn(owner, { cardExpiring: true });
    const expiring = await seedSubscription(t, fake, owner.tenantId, account);
    await cardOf(t, owner.tenantId, account, expiring, year, month);
    const later = await seedSubscription(t, fake, owner.tenantId, account);
    await cardOf(t, owner.tenantId, account, later, month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1);
    const ending = await seedSubscription(t, fake, owner.tenantId, account, { cancelAtPeriodEnd: true });
    await cardOf(t, owner.tenantId, account, ending, year, month);

    const off = await signup(t);
    const offAccount = await connect(t, off.tenantId);
    const offSub = await seedSubscription(t, fake, off.tenantId, offAccount);
    await cardOf(t, off.tenantId, offAccount, offSub, year, month);

    const customerEmail = async (tenantId: string, sub: SeededSubscription) => (await ownerQuery(t, `select email from billing_customers where tenant_id = $1 and stripe_id = $2`, [tenantId, sub.customer]))[0].email;
    const reminders = t.worker!.get(CardExpiryReminders);
    expect(await reminders.run(now)).toBeGreaterThanOrEqual(1);
    expect(await emails(t, owner.tenantId, 'card-expiring')).toEqual([await customerEmail(owner.tenantId, expiring)]);
    expect(await emails(t, off.tenantId, 'card-expiring')).toEqual([]);
    const portal = fake.seen('POST', '/v1/billing_portal/sessions').filter((r) => r.body.customer === expiring.customer);
    expect(portal.map((r) => [r.stripeAccount, r.idempotencyKey])).toEqual([[account, `bo:portal_session.create:card-expiring:${expiring.id}:${year}-${String(month).padStart(2, '0')}`]]);
    const mail = await waitForMail(t, await customerEmail(owner.tenantId, expiring), /needs updating/);
    expect(mail).toContain('https://billing.stripe.test/p/session/');
    expect(mail).toContain('renewal on');

    // The same day again: nothing more.
    await reminders.run(now);
    expect(await emails(t, owner.tenantId, 'card-expiring')).toHaveLength(1);
  });

  it('staff digest: one email per active staff member holding billing:read with the counts, none for a member without it, none when there is nothing to report', async () => {
    const { t, fake } = app;
    const owner = await signup(t);
    const account = await connect(t, owner.tenantId);
    await turnOn(owner, { staffDigest: true });
    const support = await addMember(t, owner, ['support'], 'Sue');
    const creator = await addMember(t, owner, ['creator'], 'Cal');
    await seedSubscription(t, fake, owner.tenantId, account, { status: 'trialing', trialEnd: seconds() + 2 * DAY });
    await seedSubscription(t, fake, owner.tenantId, account, { status: 'trialing', trialEnd: seconds() + 10 * DAY });
    const canceling = await seedSubscription(t, fake, owner.tenantId, account, { cancelAtPeriodEnd: true });
    await ownerQuery(t, `update billing_subscriptions set canceled_at = now() - interval '1 hour' where id = $1`, [canceling.id]);
    const failing = await seedSubscription(t, fake, owner.tenantId, account);
    await ownerQuery(
      t,
      `insert into billing_invoices (id, tenant_id, stripe_account, stripe_id, stripe_updated_at, customer, subscription, status, currency, amount_due, amount_remaining, attempt_count)
       values (gen_random_uuid(), $1, $2, $3, now(), $4, $5, 'open', 'EUR', 4900, 4900, 2)`,
      [owner.tenantId, account, `in_${suffix()}`, failing.customer, failing.stripeId],
    );

    const quiet = await signup(t);
    await turnOn(quiet, { staffDigest: true });

    const digest = t.worker!.get(StaffDigest);
    await digest.run();
    expect(await emails(t, owner.tenantId, 'billing-staff-digest')).toEqual([owner.email, support.email].sort());
    expect(await emails(t, owner.tenantId, 'billing-staff-digest')).not.toContain(creator.email);
    expect(await emails(t, quiet.tenantId, 'billing-staff-digest')).toEqual([]);
    const mail = await waitForMail(t, support.email, /Trials ending in the next 3 days/);
    expect(mail).toContain('Trials ending in the next 3 days: 1');
    expect(mail).toContain('Cancellations requested in the last 24 hours: 1');
    expect(mail).toContain('Payments failed in the last 24 hours: 1');
    expect(mail).toContain('49.00, 2 attempts');
    expect(mail).toContain(`/billing/subscriptions/${canceling.id}`);

    // Once a day.
    await digest.run();
    expect(await emails(t, owner.tenantId, 'billing-staff-digest')).toHaveLength(2);
  });
});
