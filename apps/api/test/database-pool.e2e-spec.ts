import request from 'supertest';
import { DataSource } from 'typeorm';
import { bearer, expectProblem, signup, startTestApp, TestApp } from './harness';
import { freePort, sample, until } from './net-helpers';

interface PgPool {
  options: { max: number; connectionTimeoutMillis: number };
  waitingCount: number;
  connect(): Promise<{ release(): void }>;
}

const poolOf = (context: { get(type: typeof DataSource): DataSource }): PgPool => (context.get(DataSource).driver as unknown as { master: PgPool }).master;

describe('database pools of the API and the worker (e2e)', () => {
  let t: TestApp;
  let workerPort: number;
  beforeAll(async () => {
    workerPort = await freePort();
    t = await startTestApp({
      worker: true,
      env: {
        DATABASE_POOL_SIZE: '1',
        WORKER_DATABASE_POOL_SIZE: '3',
        // pg's checkout timeout also bounds opening a connection, the app's first one included: at 300 ms a
        // loaded machine failed the start (TypeORM then retried in the background after the hook gave up,
        // and the leftover app kept the Jest worker from exiting). 1 s is still a short wait to assert on.
        DATABASE_POOL_CHECKOUT_TIMEOUT_MS: '1000',
        METRICS_TOKEN: '',
        WORKER_METRICS_PORT: String(workerPort),
        HOST: '127.0.0.1',
      },
    });
  });
  afterAll(async () => t.close());

  it('sizes the API pool with DATABASE_POOL_SIZE and the worker pool with WORKER_DATABASE_POOL_SIZE', () => {
    expect(poolOf(t.app).options).toMatchObject({ max: 1, connectionTimeoutMillis: 1000 });
    expect(poolOf(t.worker!).options).toMatchObject({ max: 3, connectionTimeoutMillis: 1000 });
  });

  it('answers 503 database-busy with Retry-After when no connection comes within the checkout timeout', async () => {
    const owner = await signup(t);
    const pool = poolOf(t.app);
    const held = await pool.connect();
    try {
      const busy = await t.http().get('/api/v1/members').set(bearer(owner.tokens));
      expectProblem(busy, 503, 'database-busy');
      expect(busy.headers['retry-after']).toBe('1');
      expect(busy.body.detail).not.toMatch(/timeout|pool|connect/i);
    } finally {
      held.release();
    }
    await t.http().get('/api/v1/members').set(bearer(owner.tokens)).expect(200);
  });

  it('reports checkout waits and waiting callers on the API /metrics', async () => {
    const pool = poolOf(t.app);
    const held = await pool.connect();
    let text: string;
    try {
      // A checkout that waits out the timeout (held above), then a scrape while it is still waiting.
      const waiting = pool.connect().then(
        (client) => client.release(),
        () => undefined,
      );
      await until(async () => (pool.waitingCount >= 1 ? true : undefined));
      text = (await t.http().get('/metrics').expect(200)).text;
      await waiting;
    } finally {
      held.release();
    }
    expect(sample(text, 'database_pool_waiting')).toBeGreaterThanOrEqual(1);
    const after = (await t.http().get('/metrics').expect(200)).text;
    const count = sample(after, 'database_pool_checkout_wait_seconds_count')!;
    expect(count).toBeGreaterThanOrEqual(2);
    // The checkout refused after 1 s is in no bucket below it.
    expect(sample(after, 'database_pool_checkout_wait_seconds_bucket{le="0.5"}')).toBeLessThan(count);
    expect(sample(after, 'database_pool_waiting')).toBe(0);
  });

  it('reports the worker pool on the worker metrics port', async () => {
    const worker = request(`http://127.0.0.1:${workerPort}`);
    // The outbox relay checks out a connection on every tick.
    const text = await until(async () => {
      const res = await worker.get('/metrics');
      return (sample(res.text, 'database_pool_checkout_wait_seconds_count') ?? 0) >= 1 ? res.text : undefined;
    });
    expect(text).toMatch(/^database_pool_checkout_wait_seconds_bucket\{le="0\.001"\} /m);
    expect(sample(text, 'database_pool_waiting')).toBe(0);
  });
});
