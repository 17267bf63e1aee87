import { bearer, expectProblem, ownerQuery, signup, type Tokens, waitForMail } from './harness';
import { billingTestApp, connect, DAY, runSync, seconds, suffix } from './billing.fixtures';
import { addMember, auditActions } from './team.fixtures';

describe('billing: failed payments and reminders (e2e)', () => {
  const app = billingTestApp();

  it('lists open invoices whose payment failed with decline reason and card, counts recovery, and sends one reminder at a time', async () => {
    const { t, fake } = app;
    const owner = await signup(t);
    const other = await signup(t);
    const account = await connect(t, owner.tenantId);
    const now = seconds();
    const put = (resource: string, fields: Record<string, unknown>) => fake.put(resource, fields, account);
    const hana = put('customers', { email: `hana-${suffix()}@example.test`, name: 'Hana', created: now - 40 * DAY });
    const ivan = put('customers', { email: `ivan-${suffix()}@example.test`, name: 'Ivan', created: now - 40 * DAY });
    const charge = put('charges', { payment_intent: `pi_${suffix()}`, amount: 4900, currency: 'eur', customer: hana.id, status: 'failed', failure_code: 'card_declined', payment_method_details: { card: { brand: 'visa', last4: '0341', exp_month: 1, exp_year: 2027 } }, created: now - 3 * DAY });
    put('payment_intents', { id: charge.payment_intent, amount: 4900, currency: 'eur', status: 'requires_payment_method', customer: hana.id, latest_charge: charge.id, last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' }, created: now - 3 * DAY });
    const failing = put('invoices', {
      customer: hana.id, status: 'open', number: 'HANA-7', currency: 'eur', total: 4900, amount_due: 4900, amount_paid: 0, amount_remaining: 4900, attempt_count: 2, collection_method: 'charge_automatically',
      payment_intent: charge.payment_intent, next_payment_attempt: now + 2 * DAY, hosted_invoice_url: `https://invoice.stripe.test/i/${suffix()}`, created: now - 3 * DAY,
    });
    put('invoices', { customer: ivan.id, status: 'paid', number: 'IVAN-3', currency: 'eur', total: 2900, amount_due: 2900, amount_paid: 2900, amount_remaining: 0, attempt_count: 3, status_transitions: { paid_at: now - 2 * DAY }, created: now - 10 * DAY });
    put('invoices', { customer: ivan.id, status: 'uncollectible', number: 'IVAN-2', currency: 'eur', total: 2900, amount_due: 2900, amount_paid: 0, amount_remaining: 2900, attempt_count: 4, status_transitions: { marked_uncollectible_at: now - DAY }, created: now - 20 * DAY });
    put('invoices', { customer: ivan.id, status: 'open', number: 'IVAN-4', currency: 'eur', total: 2900, amount_due: 2900, amount_remaining: 2900, attempt_count: 0, created: now - DAY });
    expect(await runSync(t, owner, 'import')).toMatchObject({ status: 'succeeded', errors: [] });

    const list = (query: Record<string, string> = {}, who: { tokens: Tokens } = owner) => t.http().get('/api/v1/billing/failed-payments').query(query).set(bearer(who.tokens));
    const body = (await list().expect(200)).body;
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({
      invoiceStripeId: failing.id, invoiceNumber: 'HANA-7', amountDue: 4900, currency: 'EUR', attemptCount: 2, nextPaymentAttempt: new Date((now + 2 * DAY) * 1000).toISOString(),
      declineCode: 'insufficient_funds', declineMessage: 'Your card has insufficient funds.', card: { brand: 'visa', last4: '0341', expMonth: 1, expYear: 2027 },
      customerEmail: hana.email, customerName: 'Hana', remindersSent: 0, lastReminderAt: null,
    });
    expect(body.stats).toEqual({ failing: 1, failingAmount: [{ currency: 'EUR', amount: 4900 }], recovered30d: 1, recoveredAmount30d: [{ currency: 'EUR', amount: 2900 }], lost30d: 1, recoveryRate30d: 0.5 });
    expect((await list({ search: 'nobody' }).expect(200)).body.data).toEqual([]);
    expect((await list({}, other).expect(200)).body).toMatchObject({ data: [], stats: { failing: 0, recoveryRate30d: null } });

    const invoiceId = body.data[0].invoiceId;
    const remind = (template: string, who: { tokens: Tokens } = owner) => t.http().post(`/api/v1/billing/failed-payments/${invoiceId}/reminders`).set(bearer(who.tokens)).send({ template });
    const viewer = await addMember(t, owner, ['viewer']);
    expectProblem(await remind('payment-failed', viewer), 403);
    expectProblem(await remind('payment-failed', other), 404);
    expectProblem(await remind('please-pay'), 400, 'validation-failed');
    const sent = await remind('payment-failed').expect(202);
    expect(sent.body).toMatchObject({ emailId: expect.any(String), remindersSent: 1 });
    const mail = await waitForMail(t, hana.email as string, /did not go through/);
    // The amount with its currency (the harness decodes the mail's bytes one by one, so only the digits are compared).
    expect(mail).toContain('49.00 for invoice HANA-7');
    expect(mail).toContain(failing.hosted_invoice_url as string);
    // The pay link lets anyone pay: the email log does not show it.
    const [logged] = await ownerQuery(t, `select template_key, to_jsonb(m)::text as stored from email_messages m where id = $1`, [sent.body.emailId]);
    expect(logged.template_key).toBe('payment-failed');
    expect(logged.stored).not.toContain(failing.hosted_invoice_url as string);
    // A second reminder within the hour is refused, whichever template.
    expectProblem(await remind('payment-final-notice'), 409, 'reminder-recently-sent');
    expect((await list().expect(200)).body.data[0]).toMatchObject({ remindersSent: 1, lastReminderAt: expect.any(String) });
    expect(await auditActions(t, owner.tenantId, invoiceId)).toEqual(['invoice.reminder_sent']);

    // Retrying now is the invoice's own pay action; once paid, no reminder.
    await t.http().post(`/api/v1/billing/invoices/${invoiceId}/pay`).set(bearer(owner.tokens)).send({}).expect(200);
    await ownerQuery(t, `update billing_invoices set last_reminder_at = now() - interval '2 hours' where id = $1`, [invoiceId]);
    expectProblem(await remind('payment-failed'), 409, 'invoice-not-open');
    expect((await list().expect(200)).body.data).toEqual([]);
  });
});
