import { bearer, expectProblem, ownerQuery, signup, startTestApp, TestApp, uniqueEmail, waitForMail } from './harness';
import { freePort, waitFor } from './net-helpers';

type Signup = Awaited<ReturnType<typeof signup>>;

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
  const [row] = await ownerQuery(t, `select id from outbox where payload->>'to' = $1 order by created_at desc limit 1`, [email]);
  return { email, jobId: row.id };
}

async function restartWorker(t: TestApp, env: Record<string, string>): Promise<void> {
  await t.worker?.close();
  Object.assign(process.env, env);
  const { createWorker } = await import('../../worker/src/worker.factory');
  t.worker = await createWorker({ silent: true });
}

describe('jobs: retries, dead letters, replay (e2e)', () => {
  let t: TestApp;
  let staff: Signup;
  let support: Signup;
  let owner: Signup;

  beforeAll(async () => {
    // Email goes to a port where nothing listens: every attempt fails for a real reason.
    const closed = await freePort();
    t = await startTestApp({ worker: true, env: { SMTP_URL: `smtp://127.0.0.1:${closed}`, JOB_BACKOFF_SCALE: '0.001' } });
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
    expect(row.payload).toMatchObject({ to: email, tenantId: owner.tenantId, subject: expect.stringMatching(/invited/) });
    expect(row.error).toMatch(/ECONNREFUSED/);
    expect(row.stack).toMatch(/Error/);
    const [outbox] = await ownerQuery(t, `select failed_at, completed_at from outbox where id = $1`, [jobId]);
    expect(outbox.failed_at).not.toBeNull();
    expect(outbox.completed_at).toBeNull();

    const list = await t.http().get('/api/v1/admin/dead-letters').query({ status: 'open', jobName: 'email.send', tenantId: owner.tenantId }).set(bearer(support.tokens)).expect(200);
    const listed = list.body.data.find((d: { jobId: string }) => d.jobId === jobId);
    expect(listed).toMatchObject({ id: row.id, status: 'open', attempts: 8, queue: 'email', payload: { to: email }, resolvedAt: null, replayedJobId: null });
    expect(listed.stack).toBeUndefined();
    const one = await t.http().get(`/api/v1/admin/dead-letters/${row.id}`).set(bearer(support.tokens)).expect(200);
    expect(one.body.stack).toMatch(/Error/);

    // The mail server is fixed (file transport) for the next worker; the replay goes through the outbox.
    await restartWorker(t, { SMTP_URL: '' });
    const replayed = await t.http().post(`/api/v1/admin/dead-letters/${row.id}/replay`).set(bearer(staff.tokens)).expect(200);
    expect(replayed.body).toMatchObject({ id: row.id, status: 'replayed', resolvedBy: staff.userId, replayedJobId: expect.any(String) });
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
