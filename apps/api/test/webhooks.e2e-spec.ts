import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encryptSecret, loadConfig } from '@app/core';
import { bearer, expectProblem, ownerQuery, runtimeDataSource, signup, startTestApp, TestApp, Tokens, waitForMail } from './harness';
import { addMember, roleIds } from './team.fixtures';

interface Received {
  headers: IncomingHttpHeaders;
  rawBody: string;
  body: { id: string; type: string; createdAt: string; tenantId: string; data: any };
}

/** A real HTTP receiver on 127.0.0.1 answering with scripted statuses (200 once the script runs out). */
class Receiver {
  readonly received: Received[] = [];
  private server!: Server;
  private port = 0;

  constructor(private readonly statuses: number[] = []) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        this.received.push({ headers: req.headers, rawBody, body: JSON.parse(rawBody) });
        const status = this.statuses.length ? this.statuses.shift()! : 200;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'thanks' : 'receiver broke');
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path = '/hooks'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async waitFor(count: number, timeoutMs = 15000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`receiver got ${this.received.length} of ${count} deliveries`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.received;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

/** The documented check, done the way an integrator would: HMAC-SHA256 of "<t>.<raw body>" with the secret. */
function signatureMatches(header: string | string[] | undefined, rawBody: string, secret: string): boolean {
  const parts = String(header).split(',').map((p) => p.split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
  return parts.some(([k, v]) => k === 'v1' && v === expected);
}

const signatureCount = (header: string | string[] | undefined) => String(header).split(',').filter((p) => p.startsWith('v1=')).length;

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in time; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('outgoing webhooks (e2e)', () => {
  let t: TestApp;
  const receivers: Receiver[] = [];
  const receiver = async (statuses: number[] = []) => {
    const r = await new Receiver(statuses).start();
    receivers.push(r);
    return r;
  };
  beforeAll(async () => {
    t = await startTestApp({
      worker: true,
      env: {
        WEBHOOKS_ALLOW_PRIVATE: 'true',
        WEBHOOK_BACKOFF_BASE_MS: '200',
        WEBHOOK_BACKOFF_MAX_MS: '1000',
        WEBHOOK_MAX_ATTEMPTS: '3',
        WEBHOOK_DISABLE_AFTER_FAILURES: '2',
        WEBHOOK_TIMEOUT_MS: '3000',
      },
    });
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await t.close();
  });

  const createEndpoint = (tokens: Tokens, body: object) => t.http().post('/api/v1/webhook-endpoints').set(bearer(tokens)).send(body);
  const deliveries = async (tokens: Tokens, endpointId: string, query = '') =>
    (await t.http().get(`/api/v1/webhook-endpoints/${endpointId}/deliveries${query}`).set(bearer(tokens)).expect(200)).body;
  const delivery = async (tokens: Tokens, id: string) => (await t.http().get(`/api/v1/webhook-deliveries/${id}`).set(bearer(tokens)).expect(200)).body;

  it('lists the event catalog', async () => {
    const owner = await signup(t);
    const res = await t.http().get('/api/v1/webhooks/event-types').set(bearer(owner.tokens)).expect(200);
    expect(res.body.data.map((e: { type: string }) => e.type)).toEqual([
      'member.joined',
      'member.updated',
      'member.removed',
      'invitation.created',
      'invitation.accepted',
      'invitation.revoked',
      'tenant.updated',
      'subscription.started',
      'subscription.changed',
      'subscription.canceled',
      'payment.succeeded',
      'payment.failed',
      'refund.issued',
      'entitlements.changed',
      'webhook.test',
    ]);
    expect(res.body.data.every((e: { description: string }) => e.description.length > 0)).toBe(true);
  });

  it('delivers real domain events, signed so the receiver can verify them with only the documented scheme; replay keeps the event id', async () => {
    const owner = await signup(t);
    const hook = await receiver();
    const created = await createEndpoint(owner.tokens, { url: hook.url(), eventTypes: ['invitation.created', 'member.joined', 'member.updated'], description: 'CRM sync' }).expect(201);
    const secret: string = created.body.secret;
    expect(secret).toMatch(/^whsec_/);
    expect(created.body).toMatchObject({ url: hook.url(), description: 'CRM sync', enabled: true, consecutiveFailures: 0, disabledReason: null, previousSecretExpiresAt: null });
    const endpointId = created.body.id;

    // The secret is never readable again, and is stored sealed.
    const one = await t.http().get(`/api/v1/webhook-endpoints/${endpointId}`).set(bearer(owner.tokens)).expect(200);
    const list = await t.http().get('/api/v1/webhook-endpoints').set(bearer(owner.tokens)).expect(200);
    expect(one.body.secret).toBeUndefined();
    expect(JSON.stringify(one.body) + JSON.stringify(list.body)).not.toContain(secret);
    expect(list.body.data.map((e: { id: string }) => e.id)).toEqual([endpointId]);
    const [stored] = await ownerQuery(t, `select secret_enc from webhook_endpoints where id = $1`, [endpointId]);
    expect(stored.secret_enc).not.toContain(secret.slice(6));

    // Inviting someone (invitation.created) who accepts (member.joined), then changing their roles (member.updated).
    const member = await addMember(t, owner, ['viewer'], 'Vera Viewer');
    const ids = await roleIds(t, owner.tokens);
    await t.http().patch(`/api/v1/members/${member.membershipId}`).set(bearer(owner.tokens)).send({ roleIds: [ids.admin] }).expect(200);
    // Not subscribed: no delivery.
    await t.http().patch('/api/v1/tenant').set(bearer(owner.tokens)).send({ name: 'Renamed' }).expect(200);

    const received = await hook.waitFor(3);
    const byType = Object.fromEntries(received.map((r) => [r.body.type, r]));
    expect(Object.keys(byType).sort()).toEqual(['invitation.created', 'member.joined', 'member.updated']);
    for (const r of received) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['user-agent']).toMatch(/^BackOffice-Webhooks\//);
      expect(r.headers['x-webhook-id']).toBe(r.body.id);
      expect(r.body.tenantId).toBe(owner.tenantId);
      expect(Number.isNaN(Date.parse(r.body.createdAt))).toBe(false);
      expect(signatureMatches(r.headers['x-webhook-signature'], r.rawBody, secret)).toBe(true);
      expect(signatureMatches(r.headers['x-webhook-signature'], r.rawBody, 'whsec_wrong')).toBe(false);
      expect(signatureCount(r.headers['x-webhook-signature'])).toBe(1);
      const t0 = Number(/t=(\d+)/.exec(String(r.headers['x-webhook-signature']))![1]);
      expect(Math.abs(t0 - Date.now() / 1000)).toBeLessThan(60);
    }
    expect(byType['invitation.created'].body.data).toMatchObject({ email: member.email, status: 'pending' });
    expect(byType['member.joined'].body.data).toMatchObject({ id: member.membershipId, userId: member.userId, email: member.email, roleIds: [ids.viewer] });
    expect(byType['member.updated'].body.data).toMatchObject({
      id: member.membershipId,
      roles: [expect.objectContaining({ key: 'admin' })],
      previous: { roles: [expect.objectContaining({ key: 'viewer' })], active: true },
    });
    await new Promise((r) => setTimeout(r, 700));
    expect(hook.received).toHaveLength(3);

    // The delivery log: request and response of each attempt.
    const log = await eventually(() => deliveries(owner.tokens, endpointId), (l) => l.data.every((d: { status: string }) => d.status === 'succeeded'));
    expect(log.data).toHaveLength(3);
    const joined = log.data.find((d: { eventType: string }) => d.eventType === 'member.joined');
    expect(joined).toMatchObject({ endpointId, eventId: byType['member.joined'].body.id, status: 'succeeded', attemptCount: 1, responseStatus: 200, error: null, nextAttemptAt: null });
    const detail = await delivery(owner.tokens, joined.id);
    expect(detail.requestBody).toBe(byType['member.joined'].rawBody);
    expect(detail.responseBody).toBe('thanks');
    expect(detail.attempts).toEqual([
      expect.objectContaining({ attempt: 1, responseStatus: 200, responseBody: 'thanks', error: null, requestHeaders: expect.objectContaining({ 'X-Webhook-Id': joined.eventId }) }),
    ]);
    expect((await deliveries(owner.tokens, endpointId, '?status=dead')).data).toEqual([]);
    const firstPage = await deliveries(owner.tokens, endpointId, '?limit=2');
    expect(firstPage.data).toHaveLength(2);
    const secondPage = await deliveries(owner.tokens, endpointId, `?limit=2&cursor=${firstPage.nextCursor}`);
    expect([...firstPage.data, ...secondPage.data].map((d: { id: string }) => d.id)).toEqual(log.data.map((d: { id: string }) => d.id));

    // Replay: a new delivery of the same event, same id and body, still verifiable.
    const replay = await t.http().post(`/api/v1/webhook-deliveries/${joined.id}/replay`).set(bearer(owner.tokens)).expect(201);
    expect(replay.body).toMatchObject({ eventId: joined.eventId, endpointId, status: 'pending', attemptCount: 0 });
    expect(replay.body.id).not.toBe(joined.id);
    const [, , , again] = await hook.waitFor(4);
    expect(again.headers['x-webhook-id']).toBe(joined.eventId);
    expect(again.rawBody).toBe(byType['member.joined'].rawBody);
    expect(signatureMatches(again.headers['x-webhook-signature'], again.rawBody, secret)).toBe(true);

    const audit = await ownerQuery(t, `select action, entity_id, actor_type from audit_logs where tenant_id = $1 and action like 'webhook%' order by created_at, id`, [owner.tenantId]);
    expect(audit).toEqual([
      { action: 'webhook_endpoint.created', entity_id: endpointId, actor_type: 'user' },
      { action: 'webhook_delivery.replayed', entity_id: replay.body.id, actor_type: 'user' },
    ]);
    const [auditRow] = await ownerQuery(t, `select after from audit_logs where tenant_id = $1 and action = 'webhook_endpoint.created'`, [owner.tenantId]);
    expect(JSON.stringify(auditRow.after)).not.toContain(secret);
  });

  it('publishes invitation.revoked, invitation.accepted and member.removed where those changes happen', async () => {
    const owner = await signup(t);
    const hook = await receiver();
    await createEndpoint(owner.tokens, { url: hook.url('/lifecycle'), eventTypes: ['invitation.revoked', 'invitation.accepted', 'member.removed'] }).expect(201);
    const ids = await roleIds(t, owner.tokens);
    const invited = await t.http().post('/api/v1/invitations').set(bearer(owner.tokens)).send({ email: 'gone@example.test', roleIds: [ids.viewer] }).expect(201);
    await t.http().delete(`/api/v1/invitations/${invited.body.id}`).set(bearer(owner.tokens)).expect(204);
    const member = await addMember(t, owner, ['viewer']);
    await t.http().delete(`/api/v1/members/${member.membershipId}`).set(bearer(owner.tokens)).expect(204);
    const received = await hook.waitFor(3);
    const byType = Object.fromEntries(received.map((r) => [r.body.type, r.body.data]));
    expect(byType['invitation.revoked']).toMatchObject({ id: invited.body.id, email: 'gone@example.test', status: 'revoked', reason: 'revoked' });
    expect(byType['invitation.accepted']).toMatchObject({ email: member.email, userId: member.userId, membershipId: member.membershipId });
    expect(byType['member.removed']).toMatchObject({ id: member.membershipId, userId: member.userId, email: member.email });
  });

  it('retries a failing receiver with backoff: 500, 500, then 200 is three attempts and one success under one event id', async () => {
    const owner = await signup(t);
    const hook = await receiver([500, 500]);
    const { body: endpoint } = await createEndpoint(owner.tokens, { url: hook.url('/flaky'), eventTypes: ['*'] }).expect(201);
    await t.http().patch('/api/v1/tenant').set(bearer(owner.tokens)).send({ name: 'Flaky Co' }).expect(200);

    const received = await hook.waitFor(3);
    expect(new Set(received.map((r) => r.headers['x-webhook-id'])).size).toBe(1);
    expect(new Set(received.map((r) => r.rawBody)).size).toBe(1);
    expect(received.every((r) => signatureMatches(r.headers['x-webhook-signature'], r.rawBody, endpoint.secret))).toBe(true);
    expect(received[0].body).toMatchObject({ type: 'tenant.updated', data: { name: 'Flaky Co', previous: expect.objectContaining({ id: owner.tenantId }) } });

    const log = await eventually(() => deliveries(owner.tokens, endpoint.id), (l) => l.data[0]?.status === 'succeeded');
    expect(log.data).toHaveLength(1);
    expect(log.data[0]).toMatchObject({ status: 'succeeded', attemptCount: 3, responseStatus: 200, error: null, nextAttemptAt: null });
    const detail = await delivery(owner.tokens, log.data[0].id);
    expect(detail.attempts.map((a: { attempt: number; responseStatus: number; error: string | null }) => [a.attempt, a.responseStatus, a.error])).toEqual([
      [1, 500, 'HTTP 500'],
      [2, 500, 'HTTP 500'],
      [3, 200, null],
    ]);
    expect(detail.attempts[0].responseBody).toBe('receiver broke');
    const gaps = detail.attempts.slice(1).map((a: { createdAt: string }, i: number) => Date.parse(a.createdAt) - Date.parse(detail.attempts[i].createdAt));
    expect(gaps.every((gap: number) => gap >= 150)).toBe(true);
  });

  it('signs with both secrets during a rotation overlap, then with the new one only', async () => {
    const owner = await signup(t);
    const hook = await receiver();
    const { body: endpoint } = await createEndpoint(owner.tokens, { url: hook.url('/rotating'), eventTypes: ['member.removed'] }).expect(201);
    const oldSecret: string = endpoint.secret;
    const rotated = await t.http().post(`/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`).set(bearer(owner.tokens)).send({}).expect(200);
    const newSecret: string = rotated.body.secret;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    const overlapHours = (Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()) / 3600_000;
    expect(overlapHours).toBeGreaterThan(23.9);
    expect(overlapHours).toBeLessThanOrEqual(24);

    const sendTest = async () => {
      const res = await t.http().post(`/api/v1/webhook-endpoints/${endpoint.id}/test`).set(bearer(owner.tokens)).send({}).expect(201);
      expect(res.body).toMatchObject({ endpointId: endpoint.id, eventType: 'webhook.test', status: 'pending' });
      return res.body;
    };
    await sendTest();
    const [during] = await hook.waitFor(1);
    expect(during.body).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id } });
    expect(signatureCount(during.headers['x-webhook-signature'])).toBe(2);
    expect(signatureMatches(during.headers['x-webhook-signature'], during.rawBody, newSecret)).toBe(true);
    expect(signatureMatches(during.headers['x-webhook-signature'], during.rawBody, oldSecret)).toBe(true);

    // The overlap ends.
    await ownerQuery(t, `update webhook_endpoints set previous_secret_expires_at = now() - interval '1 second' where id = $1`, [endpoint.id]);
    expect((await t.http().get(`/api/v1/webhook-endpoints/${endpoint.id}`).set(bearer(owner.tokens)).expect(200)).body.previousSecretExpiresAt).toBeNull();
    await sendTest();
    const [, after] = await hook.waitFor(2);
    expect(signatureCount(after.headers['x-webhook-signature'])).toBe(1);
    expect(signatureMatches(after.headers['x-webhook-signature'], after.rawBody, newSecret)).toBe(true);
    expect(signatureMatches(after.headers['x-webhook-signature'], after.rawBody, oldSecret)).toBe(false);

    // No overlap: the old secret stops at once.
    const immediate = await t.http().post(`/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`).set(bearer(owner.tokens)).send({ overlapHours: 0 }).expect(200);
    expect(immediate.body.previousSecretExpiresAt).toBeNull();
    await sendTest();
    const [, , last] = await hook.waitFor(3);
    expect(signatureCount(last.headers['x-webhook-signature'])).toBe(1);
    expect(signatureMatches(last.headers['x-webhook-signature'], last.rawBody, immediate.body.secret)).toBe(true);

    expectProblem(await t.http().post(`/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`).set(bearer(owner.tokens)).send({ overlapHours: 73 }), 400, 'validation-failed');
    const actions = await ownerQuery(t, `select action, after from audit_logs where tenant_id = $1 and entity_id = $2 order by created_at, id`, [owner.tenantId, endpoint.id]);
    expect(actions.map((a) => a.action)).toEqual([
      'webhook_endpoint.created',
      'webhook_endpoint.secret_rotated',
      'webhook_endpoint.test_sent',
      'webhook_endpoint.test_sent',
      'webhook_endpoint.secret_rotated',
      'webhook_endpoint.test_sent',
    ]);
    expect(JSON.stringify(actions)).not.toContain(newSecret);
  });

  it('marks deliveries dead after the last attempt and disables an endpoint that keeps failing, telling the owners', async () => {
    const owner = await signup(t);
    const hook = await receiver(Array(6).fill(503));
    const { body: endpoint } = await createEndpoint(owner.tokens, { url: hook.url('/down'), eventTypes: ['tenant.updated'] }).expect(201);
    await t.http().patch('/api/v1/tenant').set(bearer(owner.tokens)).send({ name: 'Down One' }).expect(200);
    const first = await eventually(() => deliveries(owner.tokens, endpoint.id), (l) => l.data[0]?.status === 'dead');
    expect(first.data[0]).toMatchObject({ attemptCount: 3, responseStatus: 503, error: 'HTTP 503', nextAttemptAt: null });
    let current = (await t.http().get(`/api/v1/webhook-endpoints/${endpoint.id}`).set(bearer(owner.tokens)).expect(200)).body;
    expect(current).toMatchObject({ enabled: true, consecutiveFailures: 1 });

    await t.http().patch('/api/v1/tenant').set(bearer(owner.tokens)).send({ name: 'Down Two' }).expect(200);
    current = await eventually(
      async () => (await t.http().get(`/api/v1/webhook-endpoints/${endpoint.id}`).set(bearer(owner.tokens)).expect(200)).body,
      (e) => !e.enabled,
    );
    expect(current).toMatchObject({ enabled: false, consecutiveFailures: 2, disabledReason: expect.stringMatching(/2 deliveries in a row failed/) });
    expect(current.disabledAt).not.toBeNull();
    expect(hook.received).toHaveLength(6);
    expect((await deliveries(owner.tokens, endpoint.id, '?status=dead')).data).toHaveLength(2);

    const [disabled] = await ownerQuery(t, `select actor_type, actor_id, before, after from audit_logs where tenant_id = $1 and action = 'webhook_endpoint.auto_disabled'`, [owner.tenantId]);
    expect(disabled).toMatchObject({ actor_type: 'system', actor_id: null, before: { enabled: true }, after: { enabled: false } });
    const mail = await waitForMail(t, owner.email, /was disabled/);
    expect(mail).toContain(hook.url('/down'));

    // Disabled: no new deliveries, no test, no replay.
    await t.http().patch('/api/v1/tenant').set(bearer(owner.tokens)).send({ name: 'Down Three' }).expect(200);
    expect((await deliveries(owner.tokens, endpoint.id)).data).toHaveLength(2);
    expectProblem(await t.http().post(`/api/v1/webhook-endpoints/${endpoint.id}/test`).set(bearer(owner.tokens)).send({}), 409, 'webhook-endpoint-disabled');
    expectProblem(await t.http().post(`/api/v1/webhook-deliveries/${first.data[0].id}/replay`).set(bearer(owner.tokens)).send({}), 409, 'webhook-endpoint-disabled');

    // Re-enabling resets the failure count; the replay of a dead delivery then succeeds.
    const enabled = await t.http().patch(`/api/v1/webhook-endpoints/${endpoint.id}`).set(bearer(owner.tokens)).send({ enabled: true }).expect(200);
    expect(enabled.body).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null, disabledAt: null });
    const replay = await t.http().post(`/api/v1/webhook-deliveries/${first.data[0].id}/replay`).set(bearer(owner.tokens)).send({}).expect(201);
    const ok = await eventually(() => delivery(owner.tokens, replay.body.id), (d) => d.status === 'succeeded');
    expect(ok.eventId).toBe(first.data[0].eventId);
  });

  it('changes and deletes endpoints, validates input, and lets a viewer read but not write', async () => {
    const owner = await signup(t);
    const hook = await receiver();
    const { body: endpoint } = await createEndpoint(owner.tokens, { url: hook.url('/a'), eventTypes: ['member.removed', 'member.removed'] }).expect(201);
    expect(endpoint.eventTypes).toEqual(['member.removed']);
    const viewer = await addMember(t, owner, ['viewer']);

    await t.http().get('/api/v1/webhook-endpoints').set(bearer(viewer.tokens)).expect(200);
    await t.http().get(`/api/v1/webhook-endpoints/${endpoint.id}`).set(bearer(viewer.tokens)).expect(200);
    await t.http().get(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries`).set(bearer(viewer.tokens)).expect(200);
    await t.http().get('/api/v1/webhooks/event-types').set(bearer(viewer.tokens)).expect(200);
    const forbidden = [
      createEndpoint(viewer.tokens, { url: hook.url(), eventTypes: ['*'] }),
      t.http().patch(`/api/v1/webhook-endpoints/${endpoint.id}`).set(bearer(viewer.tokens)).send({ enabled: false }),
      t.http().delete(`/api/v1/webhook-endpoints/${endpoint.id}`).set(bearer(viewer.tokens)),
      t.http().post(`/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`).set(bearer(viewer.tokens)).send({}),
      t.http().post(`/api/v1/webhook-endpoints/${endpoint.id}/test`).set(bearer(viewer.tokens)).send({}),
    ];
    for (const res of await Promise.all(forbidden)) expectProblem(res, 403, 'forbidden');
    const client = await addMember(t, owner, ['client']);
    expectProblem(await t.http().get('/api/v1/webhook-endpoints').set(bearer(client.tokens)), 403, 'forbidden');

    const bad = [
      { url: hook.url(), eventTypes: [] },
      { url: hook.url(), eventTypes: ['no.such.event'] },
      { url: 'not a url', eventTypes: ['*'] },
      { url: hook.url(), eventTypes: ['*'], secret: 'whsec_mine' },
      { eventTypes: ['*'] },
    ];
    for (const body of bad) expectProblem(await createEndpoint(owner.tokens, body), 400, 'validation-failed');

    const patched = await t.http().patch(`/api/v1/webhook-endpoints/${endpoint.id}`).set(bearer(owner.tokens)).send({ url: hook.url('/b'), eventTypes: ['*'], description: 'All events', enabled: false }).expect(200);
    expect(patched.body).toMatchObject({ url: hook.url('/b'), eventTypes: ['*'], description: 'All events', enabled: false, disabledReason: 'Disabled by a user' });

    await t.http().delete(`/api/v1/webhook-endpoints/${endpoint.id}`).set(bearer(owner.tokens)).expect(204);
    expectProblem(await t.http().get(`/api/v1/webhook-endpoints/${endpoint.id}`).set(bearer(owner.tokens)), 404, 'not-found');
    const actions = await ownerQuery(t, `select action from audit_logs where tenant_id = $1 and entity_id = $2 order by created_at, id`, [owner.tenantId, endpoint.id]);
    expect(actions.map((a) => a.action)).toEqual(['webhook_endpoint.created', 'webhook_endpoint.updated', 'webhook_endpoint.deleted']);
    // Member removal happened after the endpoint was disabled and deleted: nothing was sent.
    await t.http().delete(`/api/v1/members/${viewer.membershipId}`).set(bearer(owner.tokens)).expect(204);
    expect(hook.received).toHaveLength(0);
  });

  it('keeps tenants apart: one tenant\'s events never reach another\'s endpoints, and ids of another tenant are 404', async () => {
    const a = await signup(t);
    const b = await signup(t);
    const hookA = await receiver();
    const hookB = await receiver();
    const { body: endpointA } = await createEndpoint(a.tokens, { url: hookA.url(), eventTypes: ['*'] }).expect(201);
    const { body: endpointB } = await createEndpoint(b.tokens, { url: hookB.url(), eventTypes: ['*'] }).expect(201);
    await t.http().patch('/api/v1/tenant').set(bearer(a.tokens)).send({ name: 'Only A' }).expect(200);
    const [got] = await hookA.waitFor(1);
    expect(got.body.tenantId).toBe(a.tenantId);
    await new Promise((r) => setTimeout(r, 700));
    expect(hookB.received).toHaveLength(0);
    expect((await t.http().get('/api/v1/webhook-endpoints').set(bearer(b.tokens)).expect(200)).body.data.map((e: { id: string }) => e.id)).toEqual([endpointB.id]);
    const [aDelivery] = (await deliveries(a.tokens, endpointA.id)).data;
    expectProblem(await t.http().get(`/api/v1/webhook-endpoints/${endpointA.id}`).set(bearer(b.tokens)), 404, 'not-found');
    expectProblem(await t.http().get(`/api/v1/webhook-endpoints/${endpointA.id}/deliveries`).set(bearer(b.tokens)), 404, 'not-found');
    expectProblem(await t.http().get(`/api/v1/webhook-deliveries/${aDelivery.id}`).set(bearer(b.tokens)), 404, 'not-found');
    expectProblem(await t.http().post(`/api/v1/webhook-deliveries/${aDelivery.id}/replay`).set(bearer(b.tokens)).send({}), 404, 'not-found');
  });
  it('row-level security covers every webhook table for the runtime role', async () => {
    const a = await signup(t);
    const b = await signup(t);
    const hook = await receiver();
    for (const owner of [a, b]) {
      const { body: endpoint } = await createEndpoint(owner.tokens, { url: hook.url('/rls'), eventTypes: ['*'] }).expect(201);
      await t.http().post(`/api/v1/webhook-endpoints/${endpoint.id}/test`).set(bearer(owner.tokens)).send({}).expect(201);
    }
    await hook.waitFor(2);
    await eventually(() => ownerQuery(t, `select count(*)::int as n from webhook_delivery_attempts where tenant_id = any($1::uuid[])`, [[a.tenantId, b.tenantId]]), (rows) => rows[0].n === 2);
    const tables = ['webhook_endpoints', 'webhook_events', 'webhook_deliveries', 'webhook_delivery_attempts'];
    const ds = await runtimeDataSource(t);
    try {
      for (const table of tables) {
        expect(await ds.query(`select * from ${table}`)).toHaveLength(0);
        const seen = await ds.transaction(async (m) => {
          await m.query(`select set_config('app.tenant_id', $1, true)`, [a.tenantId]);
          return m.query(`select distinct tenant_id from ${table}`);
        });
        expect(seen).toEqual([{ tenant_id: a.tenantId }]);
      }
      await expect(
        ds.transaction(async (m) => {
          await m.query(`select set_config('app.tenant_id', $1, true)`, [a.tenantId]);
          await m.query(`insert into webhook_events (id, tenant_id, type, payload) values (gen_random_uuid(), $1, 'webhook.test', '{}')`, [b.tenantId]);
        }),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await ds.destroy();
    }
  });
});

describe('outgoing webhooks without WEBHOOKS_ALLOW_PRIVATE (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: true, env: { WEBHOOKS_ALLOW_PRIVATE: 'false', WEBHOOK_MAX_ATTEMPTS: '1' } });
  });
  afterAll(async () => t.close());

  it.each([
    ['http://127.0.0.1/hook', /127\.0\.0\.1 is a loopback address/],
    ['http://localhost:8080/hook', /localhost resolves to .*, a loopback address/],
    ['http://10.0.0.1/hook', /10\.0\.0\.1 is a private address/],
    ['https://192.168.1.20/hook', /private address/],
    ['http://169.254.169.254/latest/meta-data/', /link-local address/],
    ['http://[::1]/hook', /::1 is a loopback/],
    ['http://[::ffff:127.0.0.1]/hook', /loopback address \(IPv4 inside IPv6\)/],
    ['https://[fd00::1]/hook', /private address/],
    ['https://100.64.0.1/hook', /carrier-grade NAT/],
    ['http://2130706433/hook', /127\.0\.0\.1 is a loopback/],
    ['https://user:secret@93.184.216.34/hook', /user name or password/],
    ['http://93.184.216.34/hook', /only https URLs are accepted/],
    ['ftp://93.184.216.34/hook', /only http and https/],
  ])('refuses %s with a 422 naming the reason and stores nothing', async (url, reason) => {
    const owner = await signup(t);
    const res = await t.http().post('/api/v1/webhook-endpoints').set(bearer(owner.tokens)).send({ url, eventTypes: ['*'] });
    expectProblem(res, 422, 'webhook-url-refused');
    expect(res.body.detail).toMatch(reason);
    expect(res.body.errors).toEqual([{ field: 'url', message: expect.stringMatching(reason) }]);
    expect(await ownerQuery(t, `select id from webhook_endpoints where tenant_id = $1`, [owner.tenantId])).toEqual([]);
    expect(await ownerQuery(t, `select id from audit_logs where tenant_id = $1 and action like 'webhook%'`, [owner.tenantId])).toEqual([]);
  });

  it('refuses a private URL on PATCH too, leaving the endpoint unchanged', async () => {
    const owner = await signup(t);
    const { encryptionKey } = loadConfig();
    const [endpoint] = await ownerQuery(
      t,
      `insert into webhook_endpoints (id, tenant_id, url, event_types, secret_enc) values (gen_random_uuid(), $1, 'https://93.184.216.34/hook', '{*}', $2) returning id`,
      [owner.tenantId, encryptSecret('whsec_x', encryptionKey)],
    );
    expectProblem(await t.http().patch(`/api/v1/webhook-endpoints/${endpoint.id}`).set(bearer(owner.tokens)).send({ url: 'http://169.254.169.254/' }), 422, 'webhook-url-refused');
    const [row] = await ownerQuery(t, `select url from webhook_endpoints where id = $1`, [endpoint.id]);
    expect(row.url).toBe('https://93.184.216.34/hook');
  });

  it('checks again at send time: an endpoint whose address is now private is refused without any request', async () => {
    const owner = await signup(t);
    const hook = await new Receiver().start();
    try {
      // As if the URL had passed at save and its host now pointed inside: stored directly.
      const { encryptionKey } = loadConfig();
      const [endpoint] = await ownerQuery(
        t,
        `insert into webhook_endpoints (id, tenant_id, url, event_types, secret_enc) values (gen_random_uuid(), $1, $2, '{*}', $3) returning id`,
        [owner.tenantId, hook.url('/inside'), encryptSecret('whsec_x', encryptionKey)],
      );
      const test = await t.http().post(`/api/v1/webhook-endpoints/${endpoint.id}/test`).set(bearer(owner.tokens)).send({}).expect(201);
      const done = await eventually(
        async () => (await t.http().get(`/api/v1/webhook-deliveries/${test.body.id}`).set(bearer(owner.tokens)).expect(200)).body,
        (d) => d.status === 'dead',
      );
      expect(done.attempts).toEqual([expect.objectContaining({ attempt: 1, responseStatus: null, error: 'refused: 127.0.0.1 is a loopback address' })]);
      expect(hook.received).toHaveLength(0);
    } finally {
      await hook.close();
    }
  });
});
