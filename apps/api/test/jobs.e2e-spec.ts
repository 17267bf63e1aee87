import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Db } from '@app/database';
import { newId } from '@app/core';
import { OutboxRelay, QueueName, runOncePerJob, runSingleton } from '@app/queue';
import { bearer, expectProblem, ownerQuery, restartWorker, runtimeDataSource, signup, startTestApp, TestApp, uniqueEmail, waitForMail } from './harness';
import { FakeSmtp, freePort, PrivateRedis, waitFor } from './net-helpers';

type Signup = Awaited<ReturnType<typeof signup>>;

/** Test files share process.env: blocks that do not use the private Redis put these back. */
const SHARED_ENV = { REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', OUTBOX_SWEEP_AFTER_SECONDS: '300', OUTBOX_SWEEP_EVERY_SECONDS: '60' };

async function platformUser(t: TestApp, role: 'super_admin' | 'support'): Promise<Signup> {
  const user = await signup(t, { name: role });
  await ownerQuery(t, `update users set platform_role = $2 where id = $1`, [user.userId, role]);
  return user;
}

/** Invites someone (an email job through the outbox) and returns the outbox id, which is the job id. */
async function invite(t: TestApp, owner: Signup, email = uniqueEmail('invitee')): Promise<{ email: string; jobId: string }> {
  const roles = await t.http().get('/api/v1/roles').set(bearer(owner.tokens)).expect(200);
  const viewer = roles.body.data.find((r: { key: string }) => r.key === 'viewer').id;
  await t.http().post('/api/v1/invitations').set(bearer(owner.tokens)).send({ email, roleIds: [viewer] }).expect(201);
  const [row] = await ownerQuery(
    t,
    `select o.id from outbox o join email_messages m on m.id = (o.payload->>'emailMessageId')::uuid where m.to_address = $1 order by o.created_at desc limit 1`,
    [email],
  );
  return { email, jobId: row.id };
}

describe('jobs: retries, dead letters, replay (e2e)', () => {
  let t: TestApp;
  let staff: Signup;
  let support: Signup;
  let owner: Signup;

  beforeAll(async () => {
    // Email goes to a port where nothing listens: every attempt fails for a real reason.
    const closed = await freePort();
    t = await startTestApp({ worker: true, env: { ...SHARED_ENV, SMTP_URL: `smtp://127.0.0.1:${closed}`, JOB_BACKOFF_SCALE: '0.001' } });
    staff = await platformUser(t, 'super_admin');
    support = await platformUser(t, 'support');
    owner = await signup(t);
  });
  afterAll(async () => t.close());

  it('a job that keeps failing is retried, then lands in dead letters; staff list it and a replay delivers it', async () => {
    const { email, jobId } = await invite(t, owner);
    await waitFor(async () => (await ownerQuery(t, `select 1 from dead_letters where job_id = $1`, [jobId])).length > 0, 'the dead letter', 20_000);
    const [row] = await ownerQuery(t, `select * from dead_letters where job_id = $1`, [jobId]);
    expect(row).toMatchObject({ queue: 'email', job_name: 'email.send', status: 'open', attempts: 8, tenant_id: owner.tenantId });
    // ids only: the address, subject and link stay in the email_messages row
    expect(row.payload).toEqual({ tenantId: owner.tenantId, emailMessageId: expect.any(String) });
    expect(row.error).toMatch(/ECONNREFUSED/);
    expect(row.stack).toMatch(/Error/);
    const [outbox] = await ownerQuery(t, `select failed_at, completed_at from outbox where id = $1`, [jobId]);
    expect(outbox.failed_at).not.toBeNull();
    expect(outbox.completed_at).toBeNull();

    const list = await t.http().get('/api/v1/admin/dead-letters').query({ status: 'open', jobName: 'email.send', tenantId: owner.tenantId }).set(bearer(support.tokens)).expect(200);
    const listed = list.body.data.find((d: { jobId: string }) => d.jobId === jobId);
    expect(listed).toMatchObject({ id: row.id, status: 'open', attempts: 8, queue: 'email', payload: row.payload, resolvedAt: null, replayedJobId: null });
    const [tenant] = await ownerQuery(t, `select name from tenants where id = $1`, [owner.tenantId]);
    expect(listed).toMatchObject({ tenantId: owner.tenantId, tenantName: tenant.name, resolvedBy: null, resolvedByEmail: null });
    expect(listed.stack).toBeUndefined();
    const one = await t.http().get(`/api/v1/admin/dead-letters/${row.id}`).set(bearer(support.tokens)).expect(200);
    expect(one.body.stack).toMatch(/Error/);

    // The mail server is fixed (file transport) for the next worker; the replay goes through the outbox.
    await restartWorker(t, { SMTP_URL: '' });
    const replayed = await t.http().post(`/api/v1/admin/dead-letters/${row.id}/replay`).set(bearer(staff.tokens)).expect(200);
    expect(replayed.body).toMatchObject({ id: row.id, status: 'replayed', resolvedBy: staff.userId, resolvedByEmail: staff.email, replayedJobId: expect.any(String) });
    expect(replayed.body.replayedJobId).not.toBe(jobId);
    const mail = await waitForMail(t, email, /invited you/, 15_000);
    expect(mail).toContain(`<${replayed.body.replayedJobId}@backoffice>`);
    await waitFor(async () => (await ownerQuery(t, `select completed_at from outbox where id = $1`, [replayed.body.replayedJobId]))[0].completed_at !== null, 'the replay to complete');

    const again = await t.http().post(`/api/v1/admin/dead-letters/${row.id}/replay`).set(bearer(staff.tokens));
    expectProblem(again, 409, 'dead-letter-not-open');
    const audit = await ownerQuery(t, `select * from audit_logs where action = 'dead_letter.replayed' and entity_id = $1`, [row.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ tenant_id: null, actor_id: staff.userId, actor_type: 'user' });
    expect(audit[0].after).toMatchObject({ status: 'replayed', replayedJobId: replayed.body.replayedJobId });
  });

  it('discard needs a reason, is audited, and a discarded one cannot be replayed; bulk replay reports per id', async () => {
    // Park two fresh failures: point the worker at the closed port again.
    const closed = await freePort();
    await restartWorker(t, { SMTP_URL: `smtp://127.0.0.1:${closed}` });
    const a = await invite(t, owner);
    const b = await invite(t, owner);
    await waitFor(async () => (await ownerQuery(t, `select 1 from dead_letters where job_id = any($1)`, [[a.jobId, b.jobId]])).length === 2, 'two dead letters', 20_000);
    const ids = Object.fromEntries((await ownerQuery(t, `select id, job_id from dead_letters where job_id = any($1)`, [[a.jobId, b.jobId]])).map((r) => [r.job_id, r.id]));

    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(501) }]) {
      expectProblem(await t.http().post(`/api/v1/admin/dead-letters/${ids[a.jobId]}/discard`).set(bearer(staff.tokens)).send(body), 400, 'validation-failed');
    }
    expect((await ownerQuery(t, `select status from dead_letters where id = $1`, [ids[a.jobId]]))[0].status).toBe('open');
    const discarded = await t.http().post(`/api/v1/admin/dead-letters/${ids[a.jobId]}/discard`).set(bearer(staff.tokens)).send({ reason: 'Address bounced for good' }).expect(200);
    expect(discarded.body).toMatchObject({ status: 'discarded', resolutionReason: 'Address bounced for good', resolvedBy: staff.userId });
    const audit = await ownerQuery(t, `select * from audit_logs where action = 'dead_letter.discarded' and entity_id = $1`, [ids[a.jobId]]);
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ status: 'discarded', reason: 'Address bounced for good' });
    expectProblem(await t.http().post(`/api/v1/admin/dead-letters/${ids[a.jobId]}/discard`).set(bearer(staff.tokens)).send({ reason: 'again' }), 409, 'dead-letter-not-open');

    await restartWorker(t, { SMTP_URL: '' });
    const missing = '01a20000-0000-7000-8000-000000000000';
    const bulk = await t.http().post('/api/v1/admin/dead-letters/replay').set(bearer(staff.tokens)).send({ ids: [ids[a.jobId], ids[b.jobId], missing] }).expect(200);
    expect(bulk.body.results).toEqual([
      { id: ids[a.jobId], ok: false, error: 'dead-letter-not-open', detail: expect.any(String) },
      { id: ids[b.jobId], ok: true, replayedJobId: expect.any(String) },
      { id: missing, ok: false, error: 'not-found', detail: expect.any(String) },
    ]);
    await waitForMail(t, b.email, /invited you/, 15_000);
    expectProblem(await t.http().post('/api/v1/admin/dead-letters/replay').set(bearer(staff.tokens)).send({ ids: [] }), 400, 'validation-failed');
  });

  it('filters and pages newest first', async () => {
    const all = (await t.http().get('/api/v1/admin/dead-letters').query({ limit: 100 }).set(bearer(staff.tokens)).expect(200)).body.data;
    expect(all.length).toBeGreaterThanOrEqual(3);
    const first = await t.http().get('/api/v1/admin/dead-letters').query({ limit: 1 }).set(bearer(staff.tokens)).expect(200);
    const second = await t.http().get('/api/v1/admin/dead-letters').query({ limit: 1, cursor: first.body.nextCursor }).set(bearer(staff.tokens)).expect(200);
    expect([first.body.data[0].id, second.body.data[0].id]).toEqual([all[0].id, all[1].id]);
    expect(Date.parse(all[0].failedAt)).toBeGreaterThanOrEqual(Date.parse(all[1].failedAt));
    const discarded = (await t.http().get('/api/v1/admin/dead-letters').query({ status: 'discarded' }).set(bearer(staff.tokens)).expect(200)).body.data;
    expect(discarded.length).toBeGreaterThanOrEqual(1);
    expect(discarded.every((d: { status: string }) => d.status === 'discarded')).toBe(true);
    expect((await t.http().get('/api/v1/admin/dead-letters').query({ queue: 'system' }).set(bearer(staff.tokens)).expect(200)).body.data).toEqual([]);
    expectProblem(await t.http().get('/api/v1/admin/dead-letters').query({ status: 'lost' }).set(bearer(staff.tokens)), 400);
    expectProblem(await t.http().get('/api/v1/admin/dead-letters').query({ cursor: 'nope' }).set(bearer(staff.tokens)), 400);
    expectProblem(await t.http().get(`/api/v1/admin/dead-letters/01a20000-0000-7000-8000-000000000000`).set(bearer(staff.tokens)), 404);
  });

  it('non-staff get 403 and read-only staff cannot replay or discard', async () => {
    const [row] = await ownerQuery(t, `select id from dead_letters limit 1`);
    expectProblem(await t.http().get('/api/v1/admin/dead-letters').set(bearer(owner.tokens)), 403);
    expectProblem(await t.http().get(`/api/v1/admin/dead-letters/${row.id}`).set(bearer(owner.tokens)), 403);
    expectProblem(await t.http().post(`/api/v1/admin/dead-letters/${row.id}/replay`).set(bearer(owner.tokens)), 403);
    expectProblem(await t.http().post(`/api/v1/admin/dead-letters/${row.id}/discard`).set(bearer(support.tokens)).send({ reason: 'no' }), 403);
    expectProblem(await t.http().post('/api/v1/admin/dead-letters/replay').set(bearer(support.tokens)).send({ ids: [row.id] }), 403);
    await t.http().get('/api/v1/admin/dead-letters').expect(401);
  });
});

const mailsTo = (t: TestApp, email: string) => readdirSync(t.mailDir).filter((f) => f.includes(email.replace(/[^a-zA-Z0-9@._-]/g, '_')));

describe('jobs: the outbox survives Redis losing its data (e2e)', () => {
  let t: TestApp;
  let redis: PrivateRedis;
  let owner: Signup;

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    t = await startTestApp({
      worker: true,
      env: { REDIS_URL: redis.url, SMTP_URL: '', OUTBOX_SWEEP_AFTER_SECONDS: '1', OUTBOX_SWEEP_EVERY_SECONDS: '1', JOB_BACKOFF_SCALE: '0.001' },
    });
    owner = await signup(t);
  }, 60_000);
  afterAll(async () => {
    await redis.start().catch(() => undefined);
    await t.close();
    await redis.stop();
  });

  it('a write while Redis is stopped succeeds, and its email goes out once Redis is back', async () => {
    await redis.stop();
    const { email, jobId } = await invite(t, owner);
    const [row] = await ownerQuery(t, `select dispatched_at, completed_at from outbox where id = $1`, [jobId]);
    expect(row).toEqual({ dispatched_at: null, completed_at: null });
    await new Promise((r) => setTimeout(r, 500));
    expect(mailsTo(t, email)).toEqual([]);
    await redis.start();
    await waitForMail(t, email, /invited you/, 20_000);
    await waitFor(async () => (await ownerQuery(t, `select completed_at from outbox where id = $1`, [jobId]))[0].completed_at !== null, 'the outbox row to complete');
    expect(mailsTo(t, email)).toHaveLength(1);
  }, 40_000);

  it('a dispatched job that Redis loses (FLUSHALL) is sent again by the sweeper, once', async () => {
    // No worker runs while the job sits in Redis, so the flush catches it dispatched but not done.
    await t.worker?.close();
    t.worker = null;
    const { email, jobId } = await invite(t, owner);
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queues = new Map(Object.values(QueueName).map((name) => [name, new Queue(name, { connection, prefix: t.redisPrefix })]));
    const dataSource = await runtimeDataSource(t);
    try {
      await new OutboxRelay(dataSource, queues).relayBatch();
      expect(await queues.get(QueueName.Email)!.getJob(jobId)).toBeTruthy();
      expect((await ownerQuery(t, `select dispatched_at from outbox where id = $1`, [jobId]))[0].dispatched_at).not.toBeNull();
      await connection.flushall();
      expect(await queues.get(QueueName.Email)!.getJob(jobId)).toBeUndefined();
    } finally {
      await Promise.all([...queues.values()].map((q) => q.close()));
      await connection.quit();
      await dataSource.destroy();
    }
    await restartWorker(t, {});
    await waitForMail(t, email, /invited you/, 20_000);
    await waitFor(async () => (await ownerQuery(t, `select completed_at from outbox where id = $1`, [jobId]))[0].completed_at !== null, 'the outbox row to complete');
    const [row] = await ownerQuery(t, `select attempts, swept_at from outbox where id = $1`, [jobId]);
    expect(row.attempts).toBe(2);
    expect(row.swept_at).not.toBeNull();
    await new Promise((r) => setTimeout(r, 1500));
    expect(mailsTo(t, email)).toHaveLength(1);
  }, 40_000);
});

describe('jobs: singletons, run-once and schedules (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: true, env: { ...SHARED_ENV, SMTP_URL: '' } });
  });
  afterAll(async () => t.close());

  it('two concurrent runs of one singleton: one runs, the other skips', async () => {
    const db = t.worker!.get(Db);
    const name = `singleton-${newId()}`;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let firstEntered = false;
    let secondRan = false;
    const first = runSingleton(db, name, async () => {
      firstEntered = true;
      await gate;
    });
    await waitFor(() => firstEntered, 'the first run to hold the lock');
    expect(await runSingleton(db, name, async () => void (secondRan = true))).toBe(false);
    expect(secondRan).toBe(false);
    // another singleton name is not blocked
    expect(await runSingleton(db, `${name}-other`, async () => undefined)).toBe(true);
    release();
    expect(await first).toBe(true);
    expect(await runSingleton(db, name, async () => undefined)).toBe(true);
  });

  it('run-once: a job id whose work committed is skipped; work that failed rolls its claim back', async () => {
    const db = t.worker!.get(Db);
    const job = { jobId: newId(), jobName: 'email.send' };
    let runs = 0;
    await expect(runOncePerJob(db, job, {}, async () => {
      runs++;
      throw new Error('SMTP went away');
    })).rejects.toThrow('SMTP went away');
    expect(await ownerQuery(t, `select 1 from processed_jobs where job_id = $1`, [job.jobId])).toHaveLength(0);
    expect(await runOncePerJob(db, job, {}, async () => void runs++)).toBe(true);
    expect(await runOncePerJob(db, job, {}, async () => void runs++)).toBe(false);
    expect(runs).toBe(2);
  });

  it('audit retention deletes rows past each tenant\'s retention and records one system audit row per tenant', async () => {
    const a = await signup(t);
    const b = await signup(t);
    await ownerQuery(t, `update tenants set settings = settings || '{"auditRetentionDays": 30}' where id = $1`, [a.tenantId]);
    const old = async (tenantId: string | null, days: number) =>
      ownerQuery(t, `insert into audit_logs (id, tenant_id, actor_type, action, entity_type, created_at) values ($1, $2, 'system', 'test.old', 'test', now() - make_interval(days => $3))`, [newId(), tenantId, days]);
    await old(a.tenantId, 40);
    await old(a.tenantId, 40);
    await old(a.tenantId, 10);
    await old(b.tenantId, 100);
    await old(b.tenantId, 50);
    await old(null, 100);
    const jobId = newId();
    await ownerQuery(t, `insert into outbox (id, queue, job_name, payload) values ($1, 'system', 'system.audit-retention', '{}')`, [jobId]);
    await waitFor(async () => (await ownerQuery(t, `select completed_at from outbox where id = $1`, [jobId]))[0].completed_at !== null, 'the retention job');
    const left = async (tenantId: string) => (await ownerQuery(t, `select count(*)::int as n from audit_logs where tenant_id = $1 and action = 'test.old'`, [tenantId]))[0].n;
    expect(await left(a.tenantId)).toBe(1);
    expect(await left(b.tenantId)).toBe(1);
    expect(await ownerQuery(t, `select 1 from audit_logs where tenant_id is null and action = 'test.old'`)).toHaveLength(0);
    const purged = await ownerQuery(t, `select tenant_id, actor_type, after from audit_logs where action = 'audit_log.purged' and tenant_id = any($1)`, [[a.tenantId, b.tenantId]]);
    expect(purged).toEqual(expect.arrayContaining([
      { tenant_id: a.tenantId, actor_type: 'system', after: { deleted: 2, retentionDays: 30 } },
      { tenant_id: b.tenantId, actor_type: 'system', after: { deleted: 1, retentionDays: 90 } },
    ]));
    expect(purged).toHaveLength(2);
    // recent rows of both tenants (signup) are kept
    expect((await ownerQuery(t, `select count(*)::int as n from audit_logs where tenant_id = $1 and action <> 'test.old'`, [a.tenantId]))[0].n).toBeGreaterThan(1);
  });

  it('housekeeping forgets Idempotency-Keys past their 24 hours and finished webhook logs after 30 days', async () => {
    const insert = (key: string, hoursAgo: number) =>
      ownerQuery(
        t,
        `insert into idempotency_keys (id, scope, key, method, path, request_hash, status, locked_until, created_at)
         values (gen_random_uuid(), 'ip:test', $1, 'POST', '/x', 'h', 'completed', now(), now() - make_interval(hours => $2))`,
        [key, hoursAgo],
      );
    await insert('stale-key', 30);
    await insert('fresh-key', 1);
    const tenant = await signup(t);
    const event = (id: string, daysAgo: number, deliveryStatus: string) =>
      ownerQuery(
        t,
        `with endpoint as (insert into webhook_endpoints (id, tenant_id, url, event_types, secret_enc) values (gen_random_uuid(), $1, 'https://93.184.216.34/h', '{*}', 'sealed') returning id),
              event as (insert into webhook_events (id, tenant_id, type, payload, created_at) values ($2, $1, 'webhook.test', '{}', now() - make_interval(days => $3)) returning id)
         insert into webhook_deliveries (id, tenant_id, endpoint_id, event_id, status, request_body)
         select gen_random_uuid(), $1, endpoint.id, event.id, $4, '{}' from endpoint, event`,
        [tenant.tenantId, id, daysAgo, deliveryStatus],
      );
    const [oldDone, oldRetrying, recent] = [newId(), newId(), newId()];
    await event(oldDone, 40, 'succeeded');
    await event(oldRetrying, 40, 'pending');
    await event(recent, 5, 'dead');
    const jobId = newId();
    await ownerQuery(t, `insert into outbox (id, queue, job_name, payload) values ($1, 'system', 'system.jobs-housekeeping', '{}')`, [jobId]);
    await waitFor(async () => (await ownerQuery(t, `select completed_at from outbox where id = $1`, [jobId]))[0].completed_at !== null, 'the housekeeping job');
    const keys = await ownerQuery(t, `select key from idempotency_keys where scope = 'ip:test' order by key`);
    expect(keys.map((r) => r.key)).toEqual(['fresh-key']);
    const events = await ownerQuery(t, `select id from webhook_events where tenant_id = $1`, [tenant.tenantId]);
    expect(events.map((r) => r.id).sort()).toEqual([oldRetrying, recent].sort());
  });

  it('registers every schedule of schedules.ts as a BullMQ job scheduler', async () => {
    const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
    const queue = new Queue(QueueName.System, { connection, prefix: t.redisPrefix });
    try {
      const ids = (await queue.getJobSchedulers()).map((s) => s.key).sort();
      expect(ids).toEqual(['audit-retention', 'health-ping', 'jobs-housekeeping', 'outbox-sweep', 'usage-flush']);
    } finally {
      await queue.close();
      await connection.quit();
    }
  });
});

describe('jobs: a worker killed mid-job (e2e)', () => {
  const buildDir = resolve(__dirname, `../../../var/test-build-${process.pid}`);
  let t: TestApp;
  let smtp: FakeSmtp;
  const children: ChildProcess[] = [];

  function startWorkerProcess(): ChildProcess {
    const child = spawn(process.execPath, [join(buildDir, 'apps/worker/src/main.js')], { env: { ...process.env }, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (chunk: Buffer) => process.env.TEST_LOG_LEVEL && process.stderr.write(chunk));
    children.push(child);
    return child;
  }

  beforeAll(async () => {
    const swc = resolve(__dirname, '../../../node_modules/.bin/swc');
    execFileSync(swc, ['apps/api/src', 'apps/worker/src', 'libs', '-d', buildDir, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '--ignore', 'libs/api-client/**', '--quiet'], {
      cwd: resolve(__dirname, '../../..'),
    });
    smtp = new FakeSmtp();
    await smtp.start();
    t = await startTestApp({ env: { ...SHARED_ENV, SMTP_URL: smtp.url, WORKER_LOCK_MS: '1000', JOB_BACKOFF_SCALE: '0.001' } });
  }, 120_000);
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await t.close();
    await smtp.stop();
    rmSync(buildDir, { recursive: true, force: true });
  });

  it('re-runs the job on another worker and the email is delivered exactly once', async () => {
    const owner = await signup(t);
    const email = uniqueEmail('killed');
    smtp.holdFor = email;
    const first = startWorkerProcess();
    const { jobId } = await invite(t, owner, email);
    // The first worker is mid-job: its message sits at the mail server, unanswered.
    await waitFor(() => smtp.held.some((h) => h.message.to.includes(email)), 'the first worker to be mid-send', 20_000);
    first.kill('SIGKILL');
    await once(first, 'exit');
    smtp.release();
    expect(smtp.deliveredTo(email)).toHaveLength(0);

    const second = startWorkerProcess();
    await waitFor(() => smtp.deliveredTo(email).length > 0, 'the second worker to deliver', 20_000);
    await waitFor(async () => (await ownerQuery(t, `select completed_at from outbox where id = $1`, [jobId]))[0].completed_at !== null, 'the outbox row to complete');
    await new Promise((r) => setTimeout(r, 2500));
    expect(smtp.deliveredTo(email)).toHaveLength(1);
    expect(smtp.deliveredTo(email)[0].data).toContain(`<${jobId}@backoffice>`);
    expect(await ownerQuery(t, `select job_id from processed_jobs where job_id = $1`, [jobId])).toHaveLength(1);
    expect(await ownerQuery(t, `select 1 from dead_letters where job_id = $1`, [jobId])).toHaveLength(0);

    // SIGTERM is a graceful stop: the process closes its workers (draining active jobs) and exits.
    second.kill('SIGTERM');
    const [code, signal] = await once(second, 'exit');
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
  }, 60_000);
});
