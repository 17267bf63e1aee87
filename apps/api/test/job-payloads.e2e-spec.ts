import { Queue } from 'bullmq';
import { loadConfig, newId } from '@app/core';
import { JOB_QUEUE, JOB_STAFF_FIELDS, JobName, type PayloadOf, QueueName, REDACTED } from '@app/queue';
import { bearer, login, ownerQuery, PASSWORD, restartWorker, signup, startTestApp, TestApp, tokenFromMail, uniqueEmail, waitForMail } from './harness';
import { freePort, waitFor } from './net-helpers';
import { roleIds } from './team.fixtures';

/** Test files share process.env: put back what the worker restarts below change. */
const SHARED_ENV = { SMTP_URL: '' };

/** A payload of every job name (the map does not compile without one), each with a field no policy shows. */
const SAMPLES: { [N in JobName]: PayloadOf<N> } = {
  [JobName.SendEmail]: { tenantId: newId(), emailMessageId: newId() },
  [JobName.HealthPing]: {},
  [JobName.DeliverWebhook]: { tenantId: newId(), deliveryId: newId(), attempt: 2 },
  [JobName.OutboxSweep]: {},
  [JobName.AuditRetention]: {},
  [JobName.JobsHousekeeping]: {},
  [JobName.UsageFlush]: {},
  [JobName.ProcessStripeEvent]: { stripeEventId: newId() },
  [JobName.BillingReconcile]: { tenantId: newId(), runId: newId() },
  [JobName.BillingImport]: { tenantId: newId(), runId: newId() },
  [JobName.BillingReconcileDaily]: {},
  [JobName.BillingBulkOperation]: { tenantId: newId(), operationId: newId() },
  [JobName.BillingCardExpiryReminders]: {},
  [JobName.BillingStaffDigest]: {},
};
const SMUGGLED = 'https://backoffice.example/reset-password?token=smuggled-secret';

async function staff(t: TestApp, role: 'super_admin' | 'support') {
  const user = await signup(t, { name: role });
  await ownerQuery(t, `update users set platform_role = $2 where id = $1`, [user.userId, role]);
  return { ...user, tokens: await login(t, user.email) };
}

async function dashboardCookie(t: TestApp, accessToken: string): Promise<string> {
  const res = await t.http().post('/api/v1/admin/queues/session').set(bearer(accessToken)).send({}).expect(201);
  return ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0].split(';')[0];
}

/** Every field outside the job name's policy shows as REDACTED, the others as they are. */
function expectRedacted(name: JobName, shown: Record<string, unknown>, original: Record<string, unknown>): void {
  const visible: readonly string[] = JOB_STAFF_FIELDS[name];
  expect(Object.keys(shown).sort()).toEqual(Object.keys(original).sort());
  for (const [field, value] of Object.entries(original)) expect([field, shown[field]]).toEqual([field, visible.includes(field) ? value : REDACTED]);
  expect(JSON.stringify(shown)).not.toContain('smuggled-secret');
}

describe('job payloads: what staff see is redacted per job name (e2e)', () => {
  let t: TestApp;
  const queues = new Map<QueueName, Queue>();
  beforeAll(async () => {
    t = await startTestApp();
    for (const name of Object.values(QueueName)) queues.set(name, new Queue(name, { connection: { url: loadConfig().redisUrl }, prefix: t.redisPrefix }));
  });
  afterAll(async () => {
    await Promise.all([...queues.values()].map((queue) => queue.close()));
    await t.close();
  });

  it.each(Object.values(JobName))('%s: the queue dashboard and dead letters show only the fields its policy allows', async (name) => {
    const payload = { ...SAMPLES[name], smuggled: SMUGGLED } as Record<string, unknown>;
    const support = await staff(t, 'support');
    const cookie = await dashboardCookie(t, support.tokens.accessToken);

    const queueName = JOB_QUEUE[name];
    const job = await queues.get(queueName)!.add(name, payload, { delay: 3_600_000 });
    const board = await t.http().get('/admin/queues/api/queues').query({ activeQueue: queueName, status: 'delayed', page: 1, jobsPerPage: 50 }).set('Cookie', cookie).expect(200);
    const listed = board.body.queues.find((q: { name: string }) => q.name === queueName).jobs.find((j: { id: string }) => j.id === job.id);
    expectRedacted(name, listed.data, payload);
    const one = await t.http().get(`/admin/queues/api/queues/${queueName}/${job.id}`).set('Cookie', cookie).expect(200);
    expectRedacted(name, one.body.job.data, payload);
    expect(JSON.stringify(board.body)).not.toContain('smuggled-secret');

    const [deadLetter] = await ownerQuery(
      t,
      `insert into dead_letters (id, queue, job_name, job_id, payload, error, attempts) values ($1, $2, $3, $4, $5, 'boom', 1) returning id`,
      [newId(), queueName, name, newId(), JSON.stringify(payload)],
    );
    const list = await t.http().get('/api/v1/admin/dead-letters').query({ jobName: name, limit: 100 }).set(bearer(support.tokens)).expect(200);
    expectRedacted(name, list.body.data.find((d: { id: string }) => d.id === deadLetter.id).payload, payload);
    const detail = await t.http().get(`/api/v1/admin/dead-letters/${deadLetter.id}`).set(bearer(support.tokens)).expect(200);
    expectRedacted(name, detail.body.payload, payload);
  });
});

describe('job payloads: emails with links travel as ids (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Every delivery fails at first (nothing listens on the port), so the emails also become dead letters.
    const closed = await freePort();
    t = await startTestApp({ worker: true, env: { SMTP_URL: `smtp://127.0.0.1:${closed}`, JOB_BACKOFF_SCALE: '0.001' } });
  });
  afterAll(async () => {
    await t.close();
    Object.assign(process.env, SHARED_ENV);
  });

  it('password reset, invitation and verification leave no token or link in jobs, outbox, dead letters or the dashboard, and still work', async () => {
    const owner = await signup(t);
    // A confirmed signup is verified: ask for a verification link as an unverified member would.
    await ownerQuery(t, `update users set email_verified_at = null where id = $1`, [owner.userId]);
    await t.http().post('/api/v1/auth/email/resend').set(bearer(owner.tokens)).send({}).expect(202);
    const roles = await roleIds(t, owner.tokens);
    const invitee = uniqueEmail('invitee');
    await t.http().post('/api/v1/invitations').set(bearer(owner.tokens)).send({ email: invitee, roleIds: [roles.viewer] }).expect(201);
    await t.http().post('/api/v1/auth/password/forgot').send({ email: owner.email }).expect(202);
    const messages = await ownerQuery(t, `select id, template_key, subject from email_messages where to_address = any($1) and template_key <> 'signup-confirm'`, [[owner.email, invitee]]);
    expect(messages.map((m) => m.template_key).sort()).toEqual(['invitation', 'password-reset', 'verify-email']);
    const ids = messages.map((m) => m.id);
    await waitFor(async () => (await ownerQuery(t, `select 1 from dead_letters where payload->>'emailMessageId' = any($1)`, [ids])).length === 3, 'three dead letters', 30_000);

    const support = await staff(t, 'support');
    const cookie = await dashboardCookie(t, support.tokens.accessToken);
    let ownerTokens = owner.tokens;
    const seenByStaff = async (): Promise<string> => {
      const outbox = await ownerQuery(t, `select payload from outbox where job_name = 'email.send'`);
      const deadLetters = await ownerQuery(t, `select payload, error from dead_letters where job_name = 'email.send'`);
      const queue = new Queue(QueueName.Email, { connection: { url: loadConfig().redisUrl }, prefix: t.redisPrefix });
      const jobs = (await queue.getJobs(['completed', 'failed', 'waiting', 'delayed', 'active'])).map((job) => ({ id: job.id, data: job.data }));
      await queue.close();
      const board = await t.http().get('/admin/queues/api/queues').query({ activeQueue: QueueName.Email, status: 'latest', page: 1, jobsPerPage: 50 }).set('Cookie', cookie).expect(200);
      const listedDeadLetters = await t.http().get('/api/v1/admin/dead-letters').query({ limit: 100 }).set(bearer(support.tokens)).expect(200);
      const log = await t.http().get('/api/v1/email-messages').set(bearer(ownerTokens)).expect(200);
      expect(jobs.length).toBeGreaterThanOrEqual(3);
      for (const job of jobs) expect(Object.keys(job.data).sort()).toEqual(['emailMessageId', 'tenantId']);
      return JSON.stringify({ outbox, deadLetters, jobs, board: board.body, listedDeadLetters: listedDeadLetters.body, log: log.body });
    };
    const before = await seenByStaff();
    for (const leak of ['token=', 'reset-password', 'accept-invitation', 'verify-email?', 'confirm-signup?']) expect([leak, before.includes(leak)]).toEqual([leak, false]);

    // Mail works again: staff replay the dead letters and the links in the delivered emails work.
    await restartWorker(t, { SMTP_URL: '' });
    const deadLetters = await ownerQuery(t, `select id from dead_letters where payload->>'emailMessageId' = any($1)`, [ids]);
    const admin = await staff(t, 'super_admin');
    await t.http().post('/api/v1/admin/dead-letters/replay').set(bearer(admin.tokens)).send({ ids: deadLetters.map((d) => d.id) }).expect(200);
    const verifyMail = await waitForMail(t, owner.email, /verify-email\?token=/, 15_000);
    const resetMail = await waitForMail(t, owner.email, /reset-password\?token=/, 15_000);
    const inviteMail = await waitForMail(t, invitee, /accept-invitation\?token=/, 15_000);
    await t.http().post('/api/v1/auth/email/verify').send({ token: tokenFromMail(verifyMail.slice(verifyMail.indexOf('verify-email'))) }).expect(204);
    await t.http().post('/api/v1/auth/password/reset').send({ token: tokenFromMail(resetMail.slice(resetMail.indexOf('reset-password'))), password: 'An0ther-Passw0rd!' }).expect(204);
    ownerTokens = await login(t, owner.email, 'An0ther-Passw0rd!');
    await t.http().post('/api/v1/invitations/accept').send({ token: tokenFromMail(inviteMail.slice(inviteMail.indexOf('accept-invitation'))), name: 'Ivy', password: PASSWORD }).expect(200);

    // Sent: the sealed variables are gone, and still nothing staff see holds a link.
    await waitFor(async () => (await ownerQuery(t, `select 1 from email_messages where id = any($1) and status = 'sent' and variables_sealed is null`, [ids])).length === 3, 'the three emails sent and scrubbed', 15_000);
    const after = await seenByStaff();
    for (const leak of ['token=', 'reset-password', 'accept-invitation', 'verify-email?', 'confirm-signup?']) expect([leak, after.includes(leak)]).toEqual([leak, false]);
  });
});
