import { Queue } from 'bullmq';
import request from 'supertest';
import { JobName, QueueName } from '@app/queue';
import { bearer, expectProblem, ownerQuery, signup, startTestApp, TestApp } from './harness';
import { freePort, PrivateRedis, sample, until } from './net-helpers';

const TOKEN = 'metrics-token-for-tests-0123456789';

function queueOf(t: TestApp, name: QueueName): Queue {
  return new Queue(name, { connection: { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }, prefix: t.redisPrefix });
}

describe('API metrics and readiness (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: '', OUTBOX_LAG_READY_SECONDS: '300' } });
  });
  afterAll(async () => t.close());

  it('serves Prometheus text with default process metrics, outside the OpenAPI document', async () => {
    const res = await t.http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(res.text).toMatch(/^nodejs_heap_size_used_bytes /m);
    const document = (await t.http().get('/api/openapi.json').expect(200)).body;
    // The Prometheus scrape route is not an API route (the billing metrics are, under /api/v1/billing).
    expect(Object.keys(document.paths).filter((p) => /^\/(api\/v1\/)?metrics$/.test(p))).toEqual([]);
  });

  it('labels HTTP latency with the route template, never a raw id', async () => {
    const owner = await signup(t);
    const role = (await t.http().post('/api/v1/roles').set(bearer(owner.tokens)).send({ name: 'Editors', permissions: ['members:read'] }).expect(201)).body;
    await t.http().patch(`/api/v1/roles/${role.id}`).set(bearer(owner.tokens)).send({ name: 'Editors 2' }).expect(200);
    await t.http().get(`/api/v1/no-such-thing/${role.id}`).expect(404);
    const text = (await t.http().get('/metrics').expect(200)).text;
    expect(sample(text, 'http_request_duration_seconds_count{method="PATCH",route="/api/v1/roles/:id",status_code="200"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count{method="POST",route="/api/v1/roles",status_code="201"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"}')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^http_request_duration_seconds_bucket\{le="0\.005",method="PATCH",route="\/api\/v1\/roles\/:id",status_code="200"\} /m);
    expect(text).not.toContain(role.id);
    expect(text).not.toContain(owner.tenantId);
  });

  it('reports jobs per queue and state from Redis on each scrape', async () => {
    const system = queueOf(t, QueueName.System);
    try {
      await system.add(JobName.HealthPing, { at: new Date().toISOString() }, { delay: 60_000 });
      await system.add(JobName.HealthPing, { at: new Date().toISOString() }, { delay: 60_000 });
      const text = (await t.http().get('/metrics').expect(200)).text;
      expect(sample(text, 'queue_jobs{queue="system",state="delayed"}')).toBe(2);
      for (const queue of Object.values(QueueName)) {
        for (const state of ['waiting', 'active', 'delayed', 'failed', 'completed']) expect(sample(text, `queue_jobs{queue="${queue}",state="${state}"}`)).toBeDefined();
      }
      expect(sample(text, 'queue_jobs{queue="email",state="delayed"}')).toBe(0);
    } finally {
      await system.obliterate({ force: true });
      await system.close();
    }
  });

  it('reports the outbox backlog, and readiness fails while the oldest due row is too old', async () => {
    // No worker runs in this app, so nothing relays; start from a dispatched outbox.
    await ownerQuery(t, `update outbox set dispatched_at = now() where dispatched_at is null`);
    const ready = await t.http().get('/api/v1/health/ready').expect(200);
    expect(ready.body.details.outbox).toMatchObject({ status: 'up', pending: 0, oldestPendingAgeSeconds: 0, thresholdSeconds: 300 });

    const [row] = await ownerQuery(
      t,
      `insert into outbox (id, queue, job_name, payload, created_at, available_at)
       values (gen_random_uuid(), 'system', 'system.health-ping', '{"at":"x"}', now() - interval '10 minutes', now() - interval '10 minutes') returning id`,
    );
    // A row due in the future is not lag.
    await ownerQuery(t, `insert into outbox (id, queue, job_name, payload, available_at) values (gen_random_uuid(), 'system', 'system.health-ping', '{"at":"y"}', now() + interval '1 hour')`);
    const text = (await t.http().get('/metrics').expect(200)).text;
    expect(sample(text, 'outbox_pending_rows')).toBe(1);
    expect(sample(text, 'outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(600);
    expect(sample(text, 'outbox_oldest_pending_age_seconds')).toBeLessThan(700);

    const failing = await t.http().get('/api/v1/health/ready');
    expectProblem(failing, 503);
    await t.http().get('/api/v1/health/live').expect(200);

    await ownerQuery(t, `update outbox set dispatched_at = now() where id = $1`, [row.id]);
    const passing = await t.http().get('/api/v1/health/ready').expect(200);
    expect(passing.body.details).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' }, outbox: { status: 'up', pending: 0 } });
    expect(sample((await t.http().get('/metrics')).text, 'outbox_pending_rows')).toBe(0);
  });
});

describe('metrics protection and the worker metrics server (e2e)', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    t = await startTestApp({ worker: true, env: { METRICS_TOKEN: TOKEN, WORKER_METRICS_PORT: String(port), HOST: '127.0.0.1' } });
  });
  afterAll(async () => t.close());

  it('counts open dead letters per queue', async () => {
    const insert = (queue: string, status: string) =>
      ownerQuery(
        t,
        `insert into dead_letters (id, queue, job_name, job_id, payload, error, attempts, status, resolved_at)
         values (gen_random_uuid(), $1, 'email.send', gen_random_uuid()::text, '{}', 'boom', 8, $2, case when $2 = 'open' then null else now() end)`,
        [queue, status],
      );
    await insert('email', 'open');
    await insert('email', 'open');
    await insert('webhooks', 'open');
    await insert('email', 'discarded');
    const text = (await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text;
    expect(sample(text, 'dead_letters_open{queue="email"}')).toBe(2);
    expect(sample(text, 'dead_letters_open{queue="webhooks"}')).toBe(1);
  });

  it('requires the bearer token on the API when METRICS_TOKEN is set', async () => {
    expectProblem(await t.http().get('/metrics'), 401, 'unauthorized');
    const wrong = await t.http().get('/metrics').set('Authorization', 'Bearer not-the-token-at-all');
    expectProblem(wrong, 401, 'unauthorized');
    expect(wrong.headers['www-authenticate']).toMatch(/^Bearer/);
    // An API access token is not a metrics token.
    const owner = await signup(t);
    expectProblem(await t.http().get('/metrics').set(bearer(owner.tokens)), 401);
    await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
  });

  it('the worker answers on its own port with job durations and outcomes, behind the same token', async () => {
    const worker = request(`http://127.0.0.1:${port}`);
    await worker.get('/metrics').expect(401);
    await worker.get('/nope').set('Authorization', `Bearer ${TOKEN}`).expect(404);

    await ownerQuery(t, `insert into outbox (id, queue, job_name, payload) values (gen_random_uuid(), 'system', 'system.health-ping', '{"at":"now"}')`);
    const system = queueOf(t, QueueName.System);
    try {
      // A job nobody handles fails at once (one attempt), which is what the failure series count.
      await system.add('no-such-job', {}, { attempts: 1 });
      const text = await until(async () => {
        const res = await worker.get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
        const done = sample(res.text, 'jobs_completed_total{queue="system",job="system.health-ping"}') ?? 0;
        const failed = sample(res.text, 'jobs_failed_total{queue="system",job="unknown"}') ?? 0;
        return done >= 1 && failed >= 1 ? res.text : undefined;
      });
      expect(text).toMatch(/^process_cpu_user_seconds_total /m);
      expect(sample(text, 'job_duration_seconds_count{queue="system",job="system.health-ping",outcome="completed"}')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'job_duration_seconds_count{queue="system",job="unknown",outcome="failed"}')).toBe(1);
      // The worker does not serve the API's series.
      expect(text).not.toContain('http_request_duration_seconds');
    } finally {
      await system.close();
    }
  });
});

describe('a slow Redis does not hang the scrape (e2e)', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    t = await startTestApp({ env: { METRICS_TOKEN: '', REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    redis.resume();
    await t?.close();
    await redis.stop();
  });

  it('answers within the collector timeout, without queue gauges, and counts the failure', async () => {
    await t.http().get('/metrics').expect(200);
    redis.pause();
    const started = Date.now();
    const text = (await t.http().get('/metrics').expect(200)).text;
    expect(Date.now() - started).toBeLessThan(4000);
    expect(text).not.toMatch(/^queue_jobs\{/m);
    expect(sample(text, 'metrics_collector_failures_total{collector="queues"}')).toBe(1);
    expect(sample(text, 'outbox_pending_rows')).toBeDefined();
    redis.resume();
  });
});
