import { randomUUID } from 'node:crypto';
import { bearer, expectProblem, signup } from './harness';
import { billingTestApp, connect, suffix } from './billing.fixtures';
import { addMember, auditActions } from './team.fixtures';

describe('billing: customer credit balance (e2e)', () => {
  const app = billingTestApp();

  it('credits and debits a customer with a reason in Stripe, mirrors the balance, audits once per change and lists the history', async () => {
    const { t, fake } = app;
    const owner = await signup(t);
    const other = await signup(t);
    const account = await connect(t, owner.tenantId);
    const customer = (await t.http().post('/api/v1/billing/customers').set(bearer(owner.tokens)).send({ email: `fay-${suffix()}@example.test` }).expect(201)).body;
    const route = `/api/v1/billing/customers/${customer.id}/balance-transactions`;
    const key = randomUUID();
    const credit = { kind: 'credit', amount: 2500, currency: 'EUR', reason: 'Missed session in March' };
    const first = await t.http().post(route).set(bearer(owner.tokens)).set('idempotency-key', key).send(credit).expect(201);
    expect(first.body).toMatchObject({ amount: -2500, currency: 'EUR', type: 'adjustment', description: 'Missed session in March', endingBalance: -2500 });
    const calls = fake.seen('POST', `/v1/customers/${customer.stripeId}/balance_transactions`);
    expect(calls).toEqual([expect.objectContaining({ stripeAccount: account, idempotencyKey: expect.stringMatching(/^bo:customer_balance\.create:/), body: expect.objectContaining({ amount: -2500, currency: 'eur', description: 'Missed session in March' }) })]);
    // Retried with the same Idempotency-Key: the first answer again, no second credit.
    const again = await t.http().post(route).set(bearer(owner.tokens)).set('idempotency-key', key).send(credit).expect(201);
    expect(again.body.stripeId).toBe(first.body.stripeId);
    expect(fake.seen('POST', `/v1/customers/${customer.stripeId}/balance_transactions`)).toHaveLength(1);

    await t.http().post(route).set(bearer(owner.tokens)).send({ kind: 'debit', amount: 1000, currency: 'eur', reason: 'Late cancellation fee' }).expect(201);
    const detail = (await t.http().get(`/api/v1/billing/customers/${customer.id}`).set(bearer(owner.tokens)).expect(200)).body;
    expect(detail.balance).toBe(-1500);
    expect(await auditActions(t, owner.tenantId, customer.id)).toEqual(['customer.created', 'customer.balance_adjusted', 'customer.balance_adjusted']);

    const history = (await t.http().get(route).set(bearer(owner.tokens)).expect(200)).body;
    expect(history.balance).toBe(-1500);
    expect(history.data.map((x: { amount: number; description: string }) => [x.amount, x.description]).sort()).toEqual([[-2500, 'Missed session in March'], [1000, 'Late cancellation fee']].sort());
    const page = (await t.http().get(route).query({ limit: 1 }).set(bearer(owner.tokens)).expect(200)).body;
    expect(page.data).toHaveLength(1);
    const rest = (await t.http().get(route).query({ limit: 1, cursor: page.nextCursor }).set(bearer(owner.tokens)).expect(200)).body;
    expect(rest.data).toHaveLength(1);
    expect(rest.data[0].stripeId).not.toBe(page.data[0].stripeId);
    expect(rest.nextCursor).toBeNull();

    // Nobody else adjusts it: a viewer is refused, another business does not find it, bad input calls nothing.
    const viewer = await addMember(t, owner, ['viewer']);
    const count = fake.requests.length;
    expectProblem(await t.http().post(route).set(bearer(viewer.tokens)).send(credit), 403);
    expectProblem(await t.http().post(route).set(bearer(other.tokens)).send(credit), 404);
    expectProblem(await t.http().get(route).set(bearer(other.tokens)), 404);
    for (const body of [{ ...credit, amount: 0 }, { ...credit, amount: -5 }, { ...credit, kind: 'gift' }, { ...credit, reason: '' }, { ...credit, currency: 'euro' }]) {
      expectProblem(await t.http().post(route).set(bearer(owner.tokens)).send(body), 400, 'validation-failed');
    }
    expectProblem(await t.http().get(route).query({ cursor: 'not-a-cursor' }).set(bearer(owner.tokens)), 400, 'validation-failed');
    expect(fake.requests.length).toBe(count);
  });
});
