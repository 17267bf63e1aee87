import { randomUUID } from 'node:crypto';
import { bearer, expectProblem, ownerQuery, signup } from './harness';
import { billingTestApp, connect, DAY, seedSubscription } from './billing.fixtures';
import { waitFor } from './net-helpers';
import { addMember } from './team.fixtures';

type Signup = Awaited<ReturnType<typeof signup>>;
type Who = { tokens: Signup['tokens'] };

const PROBLEM = 'https://problems.backoffice.dev/';

describe('billing: bulk actions on subscriptions with per-id results (e2e)', () => {
  const app = billingTestApp();

  /** A business selling through its own connected account, with `count` active subscriptions. */
  async function business(count: number) {
    const owner = await signup(app.t);
    const account = await connect(app.t, owner.tenantId);
    const subscriptions = [];
    for (let i = 0; i < count; i++) subscriptions.push(await seedSubscription(app.t, app.fake, owner.tenantId, account));
    return { owner, account, subscriptions };
  }

  const bulk = (who: Who, body: object, key?: string) => {
    const request = app.t.http().post('/api/v1/billing/subscriptions/bulk').set(bearer(who.tokens));
    return (key ? request.set('Idempotency-Key', key) : request).send(body);
  };
  const operation = (who: Who, id: string) => app.t.http().get(`/api/v1/billing/bulk-operations/${id}`).set(bearer(who.tokens));

  /** Polls the operation until it is done, as the SPA's progress bar does; returns it with its per-id results. */
  async function done(who: Who, id: string) {
    let last: Record<string, any> = {};
    await waitFor(async () => {
      last = (await operation(who, id).expect(200)).body;
      return last.status === 'done';
    }, `bulk operation ${id} done`, 30_000).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(last)}`);
    });
    return last;
  }

  /** Stripe's calls to update these subscriptions (by their Stripe ids), in order. */
  const updates = (stripeIds: string[]) => app.fake.requests.filter((r) => r.method === 'POST' && stripeIds.some((id) => r.path === `/v1/subscriptions/${id}`));

  /** Queues the operation's job again, as an at-least-once delivery (or the retry of a worker that died) would. */
  const redeliver = (tenantId: string, operationId: string) =>
    ownerQuery(app.t, `insert into outbox (id, tenant_id, queue, job_name, payload) values ($1, $2, 'billing-sync', 'billing.bulk-operation', $3)`, [
      randomUUID(), tenantId, JSON.stringify({ tenantId, operationId }),
    ]);
  const outboxRows = (operationId: string) => ownerQuery(app.t, `select id, completed_at from outbox where job_name = 'billing.bulk-operation' and payload->>'operationId' = $1`, [operationId]);

  it('cancels each subscription at period end with one Stripe call (its connected account, a key per operation and subscription), audited as the person who asked', async () => {
    const { owner, account, subscriptions } = await business(2);
    const ids = subscriptions.map((s) => s.id);
    const accepted = await bulk(owner, { action: 'cancel_at_period_end', subscriptionIds: ids, reason: 'Closing the programme' }).expect(202);
    expect(accepted.body).toMatchObject({ action: 'cancel_at_period_end', status: 'queued', total: 2, processed: 0, succeeded: 0, failed: 0, reason: 'Closing the programme', requestedBy: owner.userId });
    const result = await done(owner, accepted.body.id);
    expect(result).toMatchObject({ status: 'done', total: 2, processed: 2, succeeded: 2, failed: 0, finishedAt: expect.any(String) });
    expect(result.items).toEqual(ids.map((subscriptionId) => ({ subscriptionId, status: 'ok', errorType: null, errorTitle: null, errorDetail: null, finishedAt: expect.any(String) })));

    const calls = updates(subscriptions.map((s) => s.stripeId));
    expect(calls.map((c) => c.path)).toEqual(subscriptions.map((s) => `/v1/subscriptions/${s.stripeId}`));
    for (const call of calls) {
      expect(call.stripeAccount).toBe(account);
      expect(call.idempotencyKey).toMatch(/^bo:subscription\.update:[0-9a-f]{40}$/);
      expect(call.body).toEqual({ cancel_at_period_end: true, cancellation_details: { comment: 'Closing the programme' } });
    }
    expect(new Set(calls.map((c) => c.idempotencyKey)).size).toBe(2);
    for (const s of subscriptions) expect(app.fake.get('subscriptions', s.stripeId, account)!.cancel_at_period_end).toBe(true);
    const mirrored = await ownerQuery(app.t, `select id, cancel_at_period_end from billing_subscriptions where id = any($1) order by id`, [ids]);
    expect(mirrored.every((row) => row.cancel_at_period_end === true)).toBe(true);
    const listed = await app.t.http().get('/api/v1/billing/subscriptions').query({ cancelAtPeriodEnd: 'true' }).set(bearer(owner.tokens)).expect(200);
    expect(listed.body.data.map((s: { id: string }) => s.id).sort()).toEqual([...ids].sort());

    const audits = await ownerQuery(app.t, `select action, entity_id, actor_type, actor_id, request_id from audit_logs where tenant_id = $1 and action in ('subscriptions.bulk_requested', 'subscription.cancel_scheduled') order by created_at, id`, [owner.tenantId]);
    expect(audits.map((a) => [a.action, a.entity_id])).toEqual([['subscriptions.bulk_requested', accepted.body.id], ...ids.map((id) => ['subscription.cancel_scheduled', id])]);
    expect(new Set(audits.map((a) => `${a.actor_type}:${a.actor_id}`))).toEqual(new Set([`user:${owner.userId}`]));
    // Each item's audit row carries the request's id, so the trail leads from the request to every change.
    expect(new Set(audits.map((a) => a.request_id)).size).toBe(1);

    const list = await app.t.http().get('/api/v1/billing/bulk-operations').set(bearer(owner.tokens)).expect(200);
    expect(list.body).toEqual({ data: [expect.objectContaining({ id: accepted.body.id, status: 'done', succeeded: 2 })], nextCursor: null });
  });

  it('a mixed batch: another business\'s subscription, an unknown id and an already canceled one fail with their reason; the others succeed', async () => {
    const { owner, account, subscriptions } = await business(2);
    const stranger = await business(1);
    const canceled = await seedSubscription(app.t, app.fake, owner.tenantId, account, { status: 'canceled' });
    const unknown = randomUUID();
    const ids = [subscriptions[0].id, stranger.subscriptions[0].id, canceled.id, unknown, subscriptions[1].id];
    const accepted = await bulk(owner, { action: 'cancel_at_period_end', subscriptionIds: ids }).expect(202);
    const result = await done(owner, accepted.body.id);
    expect(result).toMatchObject({ total: 5, processed: 5, succeeded: 2, failed: 3 });
    expect(result.items.map((i: Record<string, unknown>) => [i.subscriptionId, i.status, i.errorType])).toEqual([
      [subscriptions[0].id, 'ok', null],
      [stranger.subscriptions[0].id, 'error', `${PROBLEM}not-found`],
      [canceled.id, 'error', `${PROBLEM}subscription-not-active`],
      [unknown, 'error', `${PROBLEM}not-found`],
      [subscriptions[1].id, 'ok', null],
    ]);
    expect(result.items[1].errorDetail).toBe('Subscription was not found.');
    expect(result.items[2].errorDetail).toMatch(/canceled/);
    // Only ours that can still change reached Stripe; the other business's subscription is untouched.
    expect(updates([...subscriptions, canceled, ...stranger.subscriptions].map((s) => s.stripeId)).map((c) => c.path)).toEqual(subscriptions.map((s) => `/v1/subscriptions/${s.stripeId}`));
    expect(app.fake.get('subscriptions', stranger.subscriptions[0].stripeId, stranger.account)!.cancel_at_period_end).toBe(false);
    const [strangers] = await ownerQuery(app.t, `select cancel_at_period_end from billing_subscriptions where id = $1`, [stranger.subscriptions[0].id]);
    expect(strangers.cancel_at_period_end).toBe(false);
  });

  it('applies a coupon to each subscription, one Stripe call each; extends each by N days from its next billing date', async () => {
    const { owner, account, subscriptions } = await business(2);
    const coupon = (await app.t.http().post('/api/v1/billing/coupons').set(bearer(owner.tokens)).send({ name: 'Loyalty', percentOff: 15, duration: 'forever' }).expect(201)).body;
    const stripeIds = subscriptions.map((s) => s.stripeId);
    const applied = await bulk(owner, { action: 'apply_coupon', subscriptionIds: subscriptions.map((s) => s.id), couponId: coupon.id }).expect(202);
    expect((await done(owner, applied.body.id)).succeeded).toBe(2);
    const couponCalls = updates(stripeIds);
    expect(couponCalls.map((c) => [c.path, c.stripeAccount, c.body])).toEqual(stripeIds.map((id) => [`/v1/subscriptions/${id}`, account, { discounts: [{ coupon: coupon.stripeId }], expand: ['discounts'] }]));
    expect(couponCalls.every((c) => /^bo:subscription\.update:[0-9a-f]{40}$/.test(c.idempotencyKey ?? ''))).toBe(true);
    const couponAudits = await ownerQuery(app.t, `select entity_id from audit_logs where tenant_id = $1 and action = 'subscription.coupon_applied' order by created_at, id`, [owner.tenantId]);
    expect(couponAudits.map((a) => a.entity_id)).toEqual(subscriptions.map((s) => s.id));

    const extended = await bulk(owner, { action: 'extend', subscriptionIds: subscriptions.map((s) => s.id), days: 10 }).expect(202);
    expect((await done(owner, extended.body.id)).succeeded).toBe(2);
    const extendCalls = updates(stripeIds).slice(couponCalls.length);
    expect(extendCalls.map((c) => [c.path, c.stripeAccount, c.body])).toEqual(
      subscriptions.map((s) => [`/v1/subscriptions/${s.stripeId}`, account, { trial_end: s.periodEnd + 10 * DAY, proration_behavior: 'none' }]),
    );
    const extendAudits = await ownerQuery(app.t, `select entity_id from audit_logs where tenant_id = $1 and action = 'subscription.extended' order by created_at, id`, [owner.tenantId]);
    expect(extendAudits.map((a) => a.entity_id)).toEqual(subscriptions.map((s) => s.id));

    // The worker died after Stripe extended the second one and before its result was written: the retry sends
    // the date computed the first time (not N days after the new one the mirror now shows) under the same key.
    await ownerQuery(app.t, `update billing_bulk_operation_items set status = 'pending', finished_at = null where operation_id = $1 and position = 2`, [extended.body.id]);
    await ownerQuery(app.t, `update billing_bulk_operations set status = 'running', finished_at = null, processed = 1, succeeded = 1 where id = $1`, [extended.body.id]);
    await redeliver(owner.tenantId, extended.body.id);
    expect(await done(owner, extended.body.id)).toMatchObject({ processed: 2, succeeded: 2, failed: 0 });
    const retried = updates([stripeIds[1]]).at(-1)!;
    expect([retried.idempotencyKey, retried.body]).toEqual([extendCalls[1].idempotencyKey, extendCalls[1].body]);
  });

  it('a job delivered again calls Stripe for nothing done; an item left without its result is retried with the same Stripe key', async () => {
    const { owner, account, subscriptions } = await business(2);
    const stripeIds = subscriptions.map((s) => s.stripeId);
    const accepted = await bulk(owner, { action: 'cancel_at_period_end', subscriptionIds: subscriptions.map((s) => s.id) }).expect(202);
    await done(owner, accepted.body.id);
    const first = updates(stripeIds);
    expect(first).toHaveLength(2);

    await redeliver(owner.tenantId, accepted.body.id);
    await waitFor(async () => (await outboxRows(accepted.body.id)).every((r) => r.completed_at !== null), 'the redelivered job completed', 20_000);
    expect(updates(stripeIds)).toHaveLength(2);

    // The worker died after Stripe answered for the second subscription and before its result was written.
    await ownerQuery(app.t, `update billing_bulk_operation_items set status = 'pending', finished_at = null where operation_id = $1 and position = 2`, [accepted.body.id]);
    await ownerQuery(app.t, `update billing_bulk_operations set status = 'running', finished_at = null, processed = 1, succeeded = 1 where id = $1`, [accepted.body.id]);
    await redeliver(owner.tenantId, accepted.body.id);
    const result = await done(owner, accepted.body.id);
    expect(result).toMatchObject({ total: 2, processed: 2, succeeded: 2, failed: 0 });
    const calls = updates(stripeIds);
    expect(calls.map((c) => c.path)).toEqual([`/v1/subscriptions/${stripeIds[0]}`, `/v1/subscriptions/${stripeIds[1]}`, `/v1/subscriptions/${stripeIds[1]}`]);
    // The same Idempotency-Key: Stripe answers its first result instead of acting twice.
    expect(calls[2].idempotencyKey).toBe(calls[1].idempotencyKey);
    expect(calls[2].stripeAccount).toBe(account);
  });

  it('a viewer gets 403 and may follow progress; another business gets 404 on the operation; bad input is refused and changes nothing', async () => {
    const { owner, subscriptions } = await business(1);
    const stranger = await signup(app.t);
    const viewer = await addMember(app.t, owner, ['viewer']);
    const ids = [subscriptions[0].id];
    const before = app.fake.requests.length;
    expectProblem(await bulk(viewer, { action: 'cancel_at_period_end', subscriptionIds: ids }), 403, 'forbidden');

    const accepted = await bulk(owner, { action: 'cancel_at_period_end', subscriptionIds: ids }).expect(202);
    await done(owner, accepted.body.id);
    expect((await operation(viewer, accepted.body.id).expect(200)).body.items).toHaveLength(1);
    expectProblem(await operation(stranger, accepted.body.id), 404, 'not-found');
    expect((await app.t.http().get('/api/v1/billing/bulk-operations').set(bearer(stranger.tokens)).expect(200)).body).toEqual({ data: [], nextCursor: null });
    expectProblem(await operation(owner, 'not-a-uuid'), 400);

    const afterOne = app.fake.requests.length;
    expect(afterOne - before).toBe(1);
    const many = Array.from({ length: 201 }, () => randomUUID());
    const invalid: Array<[object, number, string?]> = [
      [{ action: 'cancel_at_period_end', subscriptionIds: [] }, 400],
      [{ action: 'cancel_at_period_end', subscriptionIds: many }, 400],
      [{ action: 'cancel_at_period_end', subscriptionIds: [ids[0], ids[0]] }, 400],
      [{ action: 'cancel_at_period_end', subscriptionIds: ['nope'] }, 400],
      [{ action: 'cancel_at_period_end', subscriptionIds: 'x' }, 400],
      [{ action: 'refund', subscriptionIds: ids }, 400],
      [{ action: 'apply_coupon', subscriptionIds: ids }, 400],
      [{ action: 'extend', subscriptionIds: ids }, 400],
      [{ action: 'extend', subscriptionIds: ids, days: 0 }, 400],
      [{ action: 'extend', subscriptionIds: ids, days: 731 }, 400],
      [{ action: 'extend', subscriptionIds: ids, days: 2.5 }, 400],
      [{ action: 'cancel_at_period_end', subscriptionIds: ids, days: 3 }, 400],
      [{ action: 'cancel_at_period_end', subscriptionIds: ids, couponId: randomUUID() }, 400],
      [{ action: 'cancel_at_period_end', subscriptionIds: ids, reason: 'x'.repeat(501) }, 400],
      [{ action: 'cancel_at_period_end', subscriptionIds: ids, tenantId: stranger.tenantId }, 400],
      [{ action: 'apply_coupon', subscriptionIds: ids, couponId: randomUUID() }, 404, 'not-found'],
    ];
    for (const [body, status, slug] of invalid) expectProblem(await bulk(owner, body), status, slug);
    const [counts] = await ownerQuery(
      app.t,
      `select (select count(*)::int from billing_bulk_operations where tenant_id = $1) as operations,
              (select count(*)::int from outbox where job_name = 'billing.bulk-operation' and tenant_id = $1) as jobs,
              (select count(*)::int from audit_logs where tenant_id = $1 and action = 'subscriptions.bulk_requested') as audits`,
      [owner.tenantId],
    );
    expect(counts).toEqual({ operations: 1, jobs: 1, audits: 1 });
    expect(app.fake.requests.length).toBe(afterOne);
  });

  it('a retried request with the same Idempotency-Key answers the first operation and queues nothing more', async () => {
    const { owner, subscriptions } = await business(1);
    const body = { action: 'cancel_at_period_end', subscriptionIds: [subscriptions[0].id] };
    const first = await bulk(owner, body, 'bulk-1').expect(202);
    const again = await bulk(owner, body, 'bulk-1').expect(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expectProblem(await bulk(owner, { ...body, reason: 'other' }, 'bulk-1'), 422);
    await done(owner, first.body.id);
    const [counts] = await ownerQuery(app.t, `select count(*)::int as n from billing_bulk_operations where tenant_id = $1`, [owner.tenantId]);
    expect(counts.n).toBe(1);
    expect(updates([subscriptions[0].stripeId])).toHaveLength(1);
  });
});
