import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { OutboxRelay, QueueName } from '@app/queue';
import { ownerQuery, restartWorker, runtimeDataSource, signup, startTestApp, TestApp } from './harness';
import { deliver, FakeStripe, stripeEnv, stripeEvent } from './billing.fixtures';
import { freePort, PrivateRedis, waitFor } from './net-helpers';

type Signup = Awaited<ReturnType<typeof signup>>;
type Event = ReturnType<typeof stripeEvent>;
interface Answer {
  status: number;
  body: unknown;
}

const seconds = () => Math.floor(Date.now() / 1000);
/** A request that waits on Redis would hang rather than fail: give it a bound so a hang fails the test. */
const REQUEST_TIMEOUT_MS = 10_000;

const product = (tenantId: string, id: string, name: string) => ({
  id, object: 'product', name, description: null, active: true, created: seconds() - 100, livemode: false, metadata: { tenant_id: tenantId },
});
const customer = (tenantId: string, id: string, email: string) => ({
  id, object: 'customer', email, name: 'Outage', currency: 'usd', balance: 0, delinquent: false, created: seconds() - 100, livemode: false,
  metadata: { tenant_id: tenantId },
});

/** Half customer, half product updates, each for its own object, so every event has one visible mirror effect. */
function eventsFor(tenantId: string, label: string, count: number): Event[] {
  return Array.from({ length: count }, (_, i) =>
    i % 2
      ? stripeEvent('customer.updated', customer(tenantId, `cus_${label}_${i}`, `${label}-${i}@example.test`))
      : stripeEvent('product.updated', product(tenantId, `prod_${label}_${i}`, `${label} ${i}`)),
  );
}

/** Delivers the events `concurrency` at a time; `onAnswer` sees the number of answers so far. */
async function deliverAll(t: TestApp, events: Event[], concurrency: number, onAnswer: (answered: number) => void = () => undefined): Promise<Map<string, Answer>> {
  const answers = new Map<string, Answer>();
  let next = 0;
  const sender = async () => {
    while (next < events.length) {
      const event = events[next++];
      const res = await deliver(t, event).timeout(REQUEST_TIMEOUT_MS);
      answers.set(event.id, { status: res.status, body: res.body });
      onAnswer(answers.size);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  return answers;
}

const eventRows = (t: TestApp, ids: string[]) =>
  ownerQuery(t, `select id, stripe_event_id, status, attempts, last_error from stripe_events where stripe_event_id = any($1) order by stripe_event_id`, [ids]);

const outboxRows = (t: TestApp, rowIds: string[]) =>
  ownerQuery(t, `select payload->>'stripeEventId' as event, dispatched_at, completed_at, attempts, swept_at from outbox where payload->>'stripeEventId' = any($1)`, [rowIds]);

/** Polls until every event is processed, then checks each was applied once: one attempt, one finished outbox row, one mirror row with its state. */
async function expectProcessedOnce(t: TestApp, tenantId: string, label: string, events: Event[]): Promise<void> {
  const ids = events.map((e) => e.id);
  try {
    await waitFor(async () => (await eventRows(t, ids)).every((r) => r.status === 'processed'), `${ids.length} events processed`, 60_000);
  } catch (error) {
    throw new Error(`${(error as Error).message}: ${JSON.stringify(await eventRows(t, ids))}`);
  }
  const rows = await eventRows(t, ids);
  expect(rows).toHaveLength(events.length);
  expect(rows.every((r) => r.status === 'processed' && r.attempts === 1 && r.last_error === null)).toBe(true);

  // One outbox row per event, each finished (marked by the worker or, for a job Redis lost, by the sweeper's resend).
  const rowIds = rows.map((r) => r.id);
  await waitFor(async () => (await outboxRows(t, rowIds)).every((r) => r.completed_at !== null), 'every outbox row completed', 30_000);
  expect((await outboxRows(t, rowIds)).map((r) => r.event).sort()).toEqual([...rowIds].sort());

  // The mirror effects: exactly one row per object, with the state its event carried.
  const byId = (a: { stripe_id: string }, b: { stripe_id: string }) => (a.stripe_id < b.stripe_id ? -1 : 1);
  const objects = (type: string) => events.filter((e) => e.type === type).map((e) => e.data.object as Record<string, string>);
  const customers = await ownerQuery(t, `select stripe_id, email from billing_customers where tenant_id = $1 and stripe_id like $2`, [tenantId, `cus_${label}_%`]);
  expect(customers.sort(byId)).toEqual(objects('customer.updated').map((c) => ({ stripe_id: c.id, email: c.email })).sort(byId));
  const products = await ownerQuery(t, `select stripe_id, name from billing_products where tenant_id = $1 and stripe_id like $2`, [tenantId, `prod_${label}_%`]);
  expect(products.sort(byId)).toEqual(objects('product.updated').map((p) => ({ stripe_id: p.id, name: p.name })).sort(byId));
}

describe('billing: Stripe events that arrive while Redis is stopped (e2e)', () => {
  let t: TestApp;
  let fake: FakeStripe;
  let redis: PrivateRedis;
  let owner: Signup;

  beforeAll(async () => {
    // Never the shared Redis: a private one on a port of its own, without persistence (a restart loses every job).
    redis = new PrivateRedis(await freePort());
    await redis.start();
    fake = new FakeStripe();
    t = await startTestApp({
      worker: true,
      env: { ...stripeEnv(await fake.start()), REDIS_URL: redis.url, OUTBOX_SWEEP_AFTER_SECONDS: '1', OUTBOX_SWEEP_EVERY_SECONDS: '1' },
    });
    owner = await signup(t);
  }, 60_000);
  afterAll(async () => {
    // The private Redis and the fake go whatever happened to the app (a failed test must not leave a redis-server behind).
    try {
      await redis.start().catch(() => undefined);
      await t?.close();
    } finally {
      await redis.stop();
      await fake?.stop();
    }
  });

  it.each(['SIGKILL', 'SIGTERM'] as const)(
    'Redis stopped by %s while signed events arrive: every request answers 200, every event is stored, and each is processed once after Redis returns',
    async (signal) => {
      const label = signal.toLowerCase();
      // Some events are in flight when Redis goes away: the stop starts once the first few are answered.
      const during = eventsFor(owner.tenantId, `${label}_during`, 12);
      let stopping: Promise<void> | null = null;
      const duringAnswers = await deliverAll(t, during, 3, (answered) => {
        if (answered === 4) stopping = redis.stop(signal);
      });
      expect(stopping).not.toBeNull();
      await stopping;

      // Redis is down now: these can only be stored (PostgreSQL) and wait in the outbox.
      const after = eventsFor(owner.tenantId, `${label}_after`, 12);
      const afterAnswers = await deliverAll(t, after, 3);
      // Stripe redelivering events the inbox already holds, still with Redis down.
      const redelivered = await deliverAll(t, [during[0], after[0]], 2);

      for (const answers of [duringAnswers, afterAnswers]) {
        expect([...answers.values()]).toEqual(Array.from({ length: answers.size }, () => ({ status: 200, body: { received: true, duplicate: false } })));
      }
      expect([...redelivered.values()]).toEqual([
        { status: 200, body: { received: true, duplicate: true } },
        { status: 200, body: { received: true, duplicate: true } },
      ]);

      const afterRows = await eventRows(t, after.map((e) => e.id));
      expect(afterRows).toHaveLength(after.length);
      expect(afterRows.every((r) => r.status === 'received' && r.attempts === 0)).toBe(true);
      const waiting = await ownerQuery(t, `select dispatched_at from outbox where payload->>'stripeEventId' = any($1)`, [afterRows.map((r) => r.id)]);
      expect(waiting).toEqual(after.map(() => ({ dispatched_at: null })));

      // Back on the same port, empty. Nobody replays anything by hand.
      await redis.start();
      await expectProcessedOnce(t, owner.tenantId, label, [...during, ...after]);
    },
    120_000,
  );

  it('events whose jobs were already in Redis when it died are sent again by the sweeper and processed once', async () => {
    // No worker takes jobs meanwhile: the relay is run by hand, so the jobs sit in Redis, dispatched and not done.
    await t.worker?.close();
    t.worker = null;
    const lost = eventsFor(owner.tenantId, 'lost', 6);
    const answers = await deliverAll(t, lost, 3);
    expect([...answers.values()].every((a) => a.status === 200)).toBe(true);
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queues = new Map(Object.values(QueueName).map((name) => [name, new Queue(name, { connection, prefix: t.redisPrefix })]));
    const dataSource = await runtimeDataSource(t);
    try {
      await new OutboxRelay(dataSource, queues).relayBatch();
      expect(await queues.get(QueueName.Billing)!.count()).toBe(lost.length);
    } finally {
      await Promise.all([...queues.values()].map((q) => q.close()));
      await connection.quit();
      await dataSource.destroy();
    }
    const rowIds = (await eventRows(t, lost.map((e) => e.id))).map((r) => r.id);
    expect((await outboxRows(t, rowIds)).every((r) => r.dispatched_at !== null && r.completed_at === null)).toBe(true);

    await redis.stop('SIGKILL');
    const late = eventsFor(owner.tenantId, 'lost_late', 6);
    const lateAnswers = await deliverAll(t, late, 3);
    expect([...lateAnswers.values()]).toEqual(late.map(() => ({ status: 200, body: { received: true, duplicate: false } })));
    await redis.start();
    await restartWorker(t, {});

    await expectProcessedOnce(t, owner.tenantId, 'lost', [...lost, ...late]);
    // The lost jobs went to BullMQ twice (relay, then the sweeper's resend); the late ones once.
    const sent = await outboxRows(t, rowIds);
    expect(sent.every((r) => r.attempts === 2 && r.swept_at !== null)).toBe(true);
  }, 120_000);
});
