import { randomUUID } from 'node:crypto';
import { bearer, expectProblem, ownerQuery, signup, startTestApp, TestApp, Tokens } from './harness';

const BASE = '/api/v1/admin/tenants';

type Signup = Awaited<ReturnType<typeof signup>>;

/** A signed-up user promoted to platform staff (the platform role is read fresh on every request). */
async function platformUser(t: TestApp, role: 'super_admin' | 'support'): Promise<Signup> {
  const user = await signup(t, { name: role });
  await ownerQuery(t, `update users set platform_role = $2 where id = $1`, [user.userId, role]);
  return user;
}

async function setStatus(t: TestApp, tenantId: string, status: string): Promise<void> {
  await ownerQuery(t, `update tenants set status = $2 where id = $1`, [tenantId, status]);
}

/** Adds an existing user to a tenant with a system role, straight in the database. */
async function addMember(t: TestApp, tenantId: string, userId: string, roleKey: string, active = true): Promise<void> {
  const membershipId = randomUUID();
  await ownerQuery(t, `insert into memberships (id, tenant_id, user_id, active) values ($1, $2, $3, $4)`, [membershipId, tenantId, userId, active]);
  await ownerQuery(
    t,
    `insert into membership_roles (tenant_id, membership_id, role_id) select $1, $2, id from roles where tenant_id = $1 and key = $3`,
    [tenantId, membershipId, roleKey],
  );
}

async function auditRows(t: TestApp, tenantId: string, action: string) {
  return ownerQuery(t, `select * from audit_logs where tenant_id = $1 and action = $2 order by created_at`, [tenantId, action]);
}

describe('platform admin: tenants (e2e)', () => {
  let t: TestApp;
  let admin: Signup;
  let support: Signup;
  let adminAuth: ReturnType<typeof bearer>;
  let supportAuth: ReturnType<typeof bearer>;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await platformUser(t, 'super_admin');
    support = await platformUser(t, 'support');
    adminAuth = bearer(admin.tokens);
    supportAuth = bearer(support.tokens);
  });
  afterAll(async () => t.close());

  describe('list', () => {
    it('lists tenants with member count, owner email and status reason', async () => {
      const owner = await signup(t, { tenantName: 'Listing Alpha Shop' });
      const other = await signup(t);
      await addMember(t, owner.tenantId, other.userId, 'admin');
      const res = await t.http().get(BASE).query({ q: 'Listing Alpha' }).set(adminAuth).expect(200);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.data).toEqual([
        {
          id: owner.tenantId,
          name: 'Listing Alpha Shop',
          slug: expect.stringMatching(/^listing-alpha-shop/),
          status: 'active',
          plan: 'free',
          createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
          memberCount: 2,
          ownerEmail: owner.email,
          statusReason: null,
        },
      ]);
    });

    it('searches name or slug case-insensitively and treats % and _ literally', async () => {
      const tag = `srch${Date.now().toString(36)}`;
      const a = await signup(t, { tenantName: `${tag} Bakery` });
      const b = await signup(t, { tenantName: `${tag} 100% Organic` });
      await ownerQuery(t, `update tenants set slug = $2 where id = $1`, [b.tenantId, `${tag}-organic-slugonly`]);
      const ids = async (q: string) => (await t.http().get(BASE).query({ q }).set(adminAuth).expect(200)).body.data.map((r: { id: string }) => r.id);
      expect(new Set(await ids(tag.toUpperCase()))).toEqual(new Set([a.tenantId, b.tenantId]));
      expect(await ids(`${tag} bak`)).toEqual([a.tenantId]);
      expect(await ids(`${tag}-organic-SLUGONLY`)).toEqual([b.tenantId]);
      expect(await ids(`${tag} 100%`)).toEqual([b.tenantId]);
      expect(await ids(`${tag}%Bakery`)).toEqual([]);
      expect(await ids(`${tag}_Bakery`)).toEqual([]);
    });

    it('filters by status, plan and creation dates', async () => {
      const tag = `filt${Date.now().toString(36)}`;
      const old = await signup(t, { tenantName: `${tag} Old` });
      const mid = await signup(t, { tenantName: `${tag} Mid` });
      const recent = await signup(t, { tenantName: `${tag} Recent` });
      await ownerQuery(t, `update tenants set created_at = '2024-01-10T12:00:00Z' where id = $1`, [old.tenantId]);
      await ownerQuery(t, `update tenants set created_at = '2024-02-15T23:30:00Z', plan = 'pro' where id = $1`, [mid.tenantId]);
      await ownerQuery(t, `update tenants set created_at = '2024-03-20T08:00:00Z', status = 'suspended' where id = $1`, [recent.tenantId]);
      const ids = async (query: Record<string, string>) =>
        (await t.http().get(BASE).query({ q: tag, ...query }).set(adminAuth).expect(200)).body.data.map((r: { id: string }) => r.id);

      expect(await ids({})).toEqual([recent.tenantId, mid.tenantId, old.tenantId]);
      expect(await ids({ status: 'suspended' })).toEqual([recent.tenantId]);
      expect(await ids({ status: 'active' })).toEqual([mid.tenantId, old.tenantId]);
      expect(await ids({ plan: 'pro' })).toEqual([mid.tenantId]);
      expect(await ids({ plan: 'free', status: 'active' })).toEqual([old.tenantId]);
      expect(await ids({ createdFrom: '2024-02-01' })).toEqual([recent.tenantId, mid.tenantId]);
      // a bare createdTo date includes that whole day
      expect(await ids({ createdTo: '2024-02-15' })).toEqual([mid.tenantId, old.tenantId]);
      expect(await ids({ createdTo: '2024-02-15T23:00:00Z' })).toEqual([old.tenantId]);
      expect(await ids({ createdFrom: '2024-02-01T00:00:00Z', createdTo: '2024-03-01T00:00:00Z' })).toEqual([mid.tenantId]);
      expect(await ids({ createdFrom: '2024-01-10T12:00:00Z', createdTo: '2024-01-10T12:00:00Z' })).toEqual([old.tenantId]);
    });

    it('refuses bad filters with 400', async () => {
      const bad = [
        { createdFrom: '2024-03-01', createdTo: '2024-02-01' },
        { createdFrom: 'yesterday' },
        { createdTo: '2024-13-45' },
        { status: 'deleted' },
        { plan: 'gold' },
        { limit: '0' },
        { limit: '101' },
        { limit: 'ten' },
        { cursor: 'not-a-cursor' },
        { cursor: Buffer.from(JSON.stringify({ v: 'x', id: 'y' })).toString('base64url') },
        { q: 'x'.repeat(101) },
        { unknown: '1' },
      ];
      for (const query of bad) {
        const res = await t.http().get(BASE).query(query).set(adminAuth);
        expectProblem(res, 400, 'validation-failed');
      }
    });

    it('pages with a keyset cursor (created_at desc, id desc), ties included, without gaps or repeats', async () => {
      const tag = `page${Date.now().toString(36)}`;
      const tenants: Signup[] = [];
      for (let i = 0; i < 5; i++) tenants.push(await signup(t, { tenantName: `${tag} ${i}` }));
      // two tenants share the exact same creation time: the id breaks the tie
      const same = '2024-05-05T05:05:05.123456Z';
      await ownerQuery(t, `update tenants set created_at = $2 where id = any($1::uuid[])`, [[tenants[1].tenantId, tenants[2].tenantId], same]);
      const all = (await t.http().get(BASE).query({ q: tag, limit: 100 }).set(adminAuth).expect(200)).body.data.map((r: { id: string }) => r.id);
      expect(all).toHaveLength(5);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await t.http().get(BASE).query({ q: tag, limit: 2, ...(cursor ? { cursor } : {}) }).set(adminAuth).expect(200);
        expect(res.body.data.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.data.map((r: { id: string }) => r.id));
        cursor = res.body.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual(all);
      const db = await ownerQuery(t, `select id from tenants where id = any($1::uuid[]) order by created_at desc, id desc`, [tenants.map((x) => x.tenantId)]);
      expect(seen).toEqual(db.map((r) => r.id));
    });
  });

  describe('status transitions', () => {
    it('approves a pending tenant: active, approved_at set, audited in the tenant log', async () => {
      const owner = await signup(t);
      await setStatus(t, owner.tenantId, 'pending');
      await ownerQuery(t, `update tenants set approved_at = null where id = $1`, [owner.tenantId]);
      const res = await t.http().post(`${BASE}/${owner.tenantId}/approve`).set(adminAuth).expect(200);
      expect(res.body).toMatchObject({ id: owner.tenantId, status: 'active', ownerEmail: owner.email, memberCount: 1, statusReason: null });
      const [row] = await ownerQuery(t, `select status, approved_at from tenants where id = $1`, [owner.tenantId]);
      expect(row.status).toBe('active');
      expect(row.approved_at).not.toBeNull();
      const audit = await auditRows(t, owner.tenantId, 'tenant.approved');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: admin.userId, entity_type: 'tenant', entity_id: owner.tenantId });
      expect(audit[0].before).toMatchObject({ status: 'pending' });
      expect(audit[0].after).toMatchObject({ status: 'active' });
    });

    it('rejects a pending tenant with a reason (required, 3-500 chars)', async () => {
      const owner = await signup(t);
      await setStatus(t, owner.tenantId, 'pending');
      for (const body of [{}, { reason: 'no' }, { reason: 'x'.repeat(501) }, { reason: 42 }, { reason: 'fine reason', extra: true }]) {
        expectProblem(await t.http().post(`${BASE}/${owner.tenantId}/reject`).set(adminAuth).send(body), 400, 'validation-failed');
      }
      const res = await t.http().post(`${BASE}/${owner.tenantId}/reject`).set(adminAuth).send({ reason: 'Incomplete business details' }).expect(200);
      expect(res.body).toMatchObject({ status: 'rejected', statusReason: 'Incomplete business details' });
      const audit = await auditRows(t, owner.tenantId, 'tenant.rejected');
      expect(audit).toHaveLength(1);
      expect(audit[0].before).toMatchObject({ status: 'pending' });
      expect(audit[0].after).toMatchObject({ status: 'rejected', statusReason: 'Incomplete business details' });
    });

    it('suspends (with or without a reason) and re-activates', async () => {
      const owner = await signup(t);
      const suspended = await t.http().post(`${BASE}/${owner.tenantId}/suspend`).set(adminAuth).send({ reason: 'Chargebacks' }).expect(200);
      expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: 'Chargebacks' });
      // The owner's session shows why, so the SPA's notice can say it.
      const me = await t.http().get('/api/v1/auth/me').set(bearer(owner.tokens)).expect(200);
      expect(me.body.activeTenant).toMatchObject({ status: 'suspended', statusReason: 'Chargebacks' });
      expect(me.body.memberships[0]).toMatchObject({ tenantStatus: 'suspended', tenantStatusReason: 'Chargebacks' });
      const activated = await t.http().post(`${BASE}/${owner.tenantId}/activate`).set(adminAuth).expect(200);
      expect(activated.body).toMatchObject({ status: 'active', statusReason: null });
      const again = await t.http().post(`${BASE}/${owner.tenantId}/suspend`).set(adminAuth).expect(200);
      expect(again.body).toMatchObject({ status: 'suspended', statusReason: null });
      expect(await auditRows(t, owner.tenantId, 'tenant.suspended')).toHaveLength(2);
      const activatedAudit = await auditRows(t, owner.tenantId, 'tenant.activated');
      expect(activatedAudit).toHaveLength(1);
      expect(activatedAudit[0].before).toMatchObject({ status: 'suspended' });
      expect(activatedAudit[0].after).toMatchObject({ status: 'active' });
    });

    it('refuses every invalid transition with 409 invalid-transition naming from and to', async () => {
      const owner = await signup(t);
      const invalid: Array<[string, string, string, Record<string, unknown>?]> = [
        ['active', 'approve', 'active'],
        ['active', 'reject', 'rejected', { reason: 'because' }],
        ['active', 'activate', 'active'],
        ['pending', 'suspend', 'suspended'],
        ['pending', 'activate', 'active'],
        ['suspended', 'approve', 'active'],
        ['suspended', 'suspend', 'suspended'],
        ['suspended', 'reject', 'rejected', { reason: 'because' }],
        ['rejected', 'approve', 'active'],
        ['rejected', 'activate', 'active'],
        ['rejected', 'suspend', 'suspended'],
        ['rejected', 'reject', 'rejected', { reason: 'because' }],
      ];
      for (const [from, action, to, body] of invalid) {
        await setStatus(t, owner.tenantId, from);
        const res = await t.http().post(`${BASE}/${owner.tenantId}/${action}`).set(adminAuth).send(body ?? {});
        expectProblem(res, 409, 'invalid-transition');
        expect(res.body.detail).toContain(from);
        expect(res.body.detail).toContain(to);
        expect(res.body).toMatchObject({ from, to });
        const [row] = await ownerQuery(t, `select status from tenants where id = $1`, [owner.tenantId]);
        expect(row.status).toBe(from);
      }
    });

    it('answers 404 for an unknown tenant and 400 for a malformed id', async () => {
      for (const action of ['approve', 'suspend', 'activate']) {
        expectProblem(await t.http().post(`${BASE}/${randomUUID()}/${action}`).set(adminAuth), 404, 'not-found');
        expectProblem(await t.http().post(`${BASE}/not-a-uuid/${action}`).set(adminAuth), 400);
      }
      expectProblem(await t.http().post(`${BASE}/${randomUUID()}/reject`).set(adminAuth).send({ reason: 'unknown tenant' }), 404, 'not-found');
      expectProblem(await t.http().get(`${BASE}/${randomUUID()}`).set(adminAuth), 404, 'not-found');
    });
  });

  describe('bulk', () => {
    it('applies an action per id: a bad id fails alone, the others go through', async () => {
      const a = await signup(t);
      const b = await signup(t);
      const pending = await signup(t);
      await setStatus(t, pending.tenantId, 'pending');
      const unknown = randomUUID();
      const res = await t.http()
        .post(`${BASE}/bulk`)
        .set(adminAuth)
        .send({ action: 'suspend', ids: [a.tenantId, unknown, pending.tenantId, b.tenantId] })
        .expect(200);
      expect(res.body.results).toEqual([
        { id: a.tenantId, ok: true, status: 'suspended', plan: 'free' },
        { id: unknown, ok: false, error: 'not-found', detail: expect.any(String) },
        { id: pending.tenantId, ok: false, error: 'invalid-transition', detail: expect.stringContaining('pending') },
        { id: b.tenantId, ok: true, status: 'suspended', plan: 'free' },
      ]);
      const rows = await ownerQuery(t, `select id, status from tenants where id = any($1::uuid[])`, [[a.tenantId, b.tenantId, pending.tenantId]]);
      expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [a.tenantId]: 'suspended', [b.tenantId]: 'suspended', [pending.tenantId]: 'pending' });
      expect(await auditRows(t, a.tenantId, 'tenant.suspended')).toHaveLength(1);
      expect(await auditRows(t, b.tenantId, 'tenant.suspended')).toHaveLength(1);

      const back = await t.http().post(`${BASE}/bulk`).set(adminAuth).send({ action: 'activate', ids: [a.tenantId, pending.tenantId] }).expect(200);
      expect(back.body.results).toEqual([
        { id: a.tenantId, ok: true, status: 'active', plan: 'free' },
        { id: pending.tenantId, ok: false, error: 'invalid-transition', detail: expect.any(String) },
      ]);
      expect(await auditRows(t, a.tenantId, 'tenant.activated')).toHaveLength(1);
    });

    it('changes plans and audits each change', async () => {
      const a = await signup(t);
      const b = await signup(t);
      await ownerQuery(t, `update tenants set plan = 'pro' where id = $1`, [b.tenantId]);
      const unknown = randomUUID();
      const res = await t.http().post(`${BASE}/bulk`).set(adminAuth).send({ action: 'change_plan', plan: 'pro', ids: [a.tenantId, b.tenantId, unknown] }).expect(200);
      expect(res.body.results).toEqual([
        { id: a.tenantId, ok: true, status: 'active', plan: 'pro' },
        { id: b.tenantId, ok: true, status: 'active', plan: 'pro' },
        { id: unknown, ok: false, error: 'not-found', detail: expect.any(String) },
      ]);
      const audit = await auditRows(t, a.tenantId, 'tenant.plan_changed');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: admin.userId, before: { plan: 'free' }, after: { plan: 'pro' } });
      // already on that plan: nothing changed, nothing audited
      expect(await auditRows(t, b.tenantId, 'tenant.plan_changed')).toHaveLength(0);
      const one = await t.http().get(`${BASE}/${a.tenantId}`).set(adminAuth).expect(200);
      expect(one.body).toMatchObject({ id: a.tenantId, plan: 'pro' });
    });

    it('validates the request', async () => {
      const a = await signup(t);
      const bad = [
        { action: 'change_plan', ids: [a.tenantId] },
        { action: 'change_plan', plan: 'gold', ids: [a.tenantId] },
        { action: 'suspend', plan: 'pro', ids: [a.tenantId] },
        { action: 'delete', ids: [a.tenantId] },
        { action: 'suspend', ids: [] },
        { action: 'suspend', ids: ['nope'] },
        { action: 'suspend', ids: Array.from({ length: 101 }, () => randomUUID()) },
        { action: 'suspend' },
        { action: 'suspend', ids: a.tenantId },
      ];
      for (const body of bad) expectProblem(await t.http().post(`${BASE}/bulk`).set(adminAuth).send(body), 400, 'validation-failed');
      const [row] = await ownerQuery(t, `select status, plan from tenants where id = $1`, [a.tenantId]);
      expect(row).toEqual({ status: 'active', plan: 'free' });
    });
  });

  describe('impersonation', () => {
    it('opens a 1-hour session as the first active owner that works on tenant routes and is audited', async () => {
      const owner = await signup(t);
      const res = await t.http().post(`${BASE}/${owner.tenantId}/impersonate`).set(adminAuth).send({}).expect(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), expiresIn: 3600, tenantId: owner.tenantId, impersonating: { userId: owner.userId, email: owner.email } });
      expect(res.body.refreshToken).toBeUndefined();
      const claims = JSON.parse(Buffer.from(res.body.accessToken.split('.')[1], 'base64url').toString());
      expect(claims.exp - claims.iat).toBe(3600);
      expect(claims.imp).toBe(admin.userId);

      const token = res.body.accessToken as string;
      const me = await t.http().get('/api/v1/auth/me').set(bearer(token)).expect(200);
      expect(me.body.user).toMatchObject({ id: owner.userId, platformRole: null });
      expect(me.body.impersonatedBy).toEqual({ id: admin.userId, email: admin.email });
      expect(me.body.activeTenant).toMatchObject({ id: owner.tenantId });
      const roles = await t.http().get('/api/v1/roles').set(bearer(token)).expect(200);
      expect(roles.body.data.map((r: { key: string }) => r.key)).toContain('owner');
      // what the impersonated session changes names the staff member in the tenant's audit log
      const role = await t.http().post('/api/v1/roles').set(bearer(token)).send({ name: 'Made while impersonating', permissions: [] }).expect(201);
      const logged = await t.http().get(`/api/v1/audit-logs?entityId=${role.body.id}`).set(bearer(owner.tokens)).expect(200);
      expect(logged.body.data[0]).toMatchObject({ actorId: owner.userId, impersonatorId: admin.userId, impersonatorEmail: admin.email });
      // the impersonated session holds the owner's permissions, never the staff member's
      expectProblem(await t.http().get(BASE).set(bearer(token)), 403, 'forbidden');
      // and cannot move to another tenant
      const other = await signup(t);
      await addMember(t, other.tenantId, owner.userId, 'admin');
      expectProblem(await t.http().post('/api/v1/auth/switch-tenant').set(bearer(token)).send({ tenantId: other.tenantId }), 403);

      const audit = await auditRows(t, owner.tenantId, 'tenant.impersonation_started');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: admin.userId, entity_type: 'tenant', entity_id: owner.tenantId });
      expect(audit[0].after).toMatchObject({ impersonatorId: admin.userId, targetUserId: owner.userId });
      const [session] = await ownerQuery(t, `select impersonator_id, extract(epoch from expires_at - created_at) as ttl from auth_sessions where id = $1`, [claims.sid]);
      expect(session.impersonator_id).toBe(admin.userId);
      expect(Math.round(Number(session.ttl))).toBe(3600);
      // actions taken while impersonating are audited with the impersonator
      await t.http().post('/api/v1/roles').set(bearer(token)).send({ name: 'Impersonated role', permissions: ['roles:read'] }).expect(201);
      const created = await auditRows(t, owner.tenantId, 'role.created');
      expect(created[0]).toMatchObject({ actor_id: owner.userId, impersonator_id: admin.userId });
    });

    it('impersonates a chosen active member; refuses non-members, inactive members and platform staff', async () => {
      const owner = await signup(t);
      const member = await signup(t);
      const inactive = await signup(t);
      const stranger = await signup(t);
      const staffMember = await platformUser(t, 'support');
      await addMember(t, owner.tenantId, member.userId, 'viewer');
      await addMember(t, owner.tenantId, inactive.userId, 'viewer', false);
      await addMember(t, owner.tenantId, staffMember.userId, 'admin');

      const res = await t.http().post(`${BASE}/${owner.tenantId}/impersonate`).set(adminAuth).send({ userId: member.userId }).expect(200);
      expect(res.body.impersonating).toEqual({ userId: member.userId, email: member.email });
      await t.http().get('/api/v1/roles').set(bearer(res.body.accessToken)).expect(200);
      expectProblem(await t.http().post('/api/v1/roles').set(bearer(res.body.accessToken)).send({ name: 'Nope', permissions: [] }), 403, 'forbidden');

      expectProblem(await t.http().post(`${BASE}/${owner.tenantId}/impersonate`).set(adminAuth).send({ userId: inactive.userId }), 404, 'not-found');
      expectProblem(await t.http().post(`${BASE}/${owner.tenantId}/impersonate`).set(adminAuth).send({ userId: stranger.userId }), 404, 'not-found');
      expectProblem(await t.http().post(`${BASE}/${owner.tenantId}/impersonate`).set(adminAuth).send({ userId: randomUUID() }), 404, 'not-found');
      expectProblem(await t.http().post(`${BASE}/${randomUUID()}/impersonate`).set(adminAuth).send({}), 404, 'not-found');
      expectProblem(await t.http().post(`${BASE}/${owner.tenantId}/impersonate`).set(adminAuth).send({ userId: staffMember.userId }), 403, 'forbidden');
      expectProblem(await t.http().post(`${BASE}/${owner.tenantId}/impersonate`).set(adminAuth).send({ userId: 'nope' }), 400, 'validation-failed');
      expectProblem(await t.http().post(`${BASE}/not-a-uuid/impersonate`).set(adminAuth).send({}), 400);
      // an owner who is platform staff is not impersonated either
      const staffTenant = await platformUser(t, 'super_admin');
      expectProblem(await t.http().post(`${BASE}/${staffTenant.tenantId}/impersonate`).set(adminAuth).send({}), 403, 'forbidden');
      expect(await auditRows(t, owner.tenantId, 'tenant.impersonation_started')).toHaveLength(1);
    });
  });

  describe('access', () => {
    it('a normal tenant owner gets 403 on every admin route', async () => {
      const owner = await signup(t);
      const auth = bearer(owner.tokens);
      const id = owner.tenantId;
      const calls = [
        t.http().get(BASE).set(auth),
        t.http().get(`${BASE}/${id}`).set(auth),
        t.http().post(`${BASE}/${id}/approve`).set(auth),
        t.http().post(`${BASE}/${id}/reject`).set(auth).send({ reason: 'self reject' }),
        t.http().post(`${BASE}/${id}/suspend`).set(auth).send({}),
        t.http().post(`${BASE}/${id}/activate`).set(auth),
        t.http().post(`${BASE}/bulk`).set(auth).send({ action: 'suspend', ids: [id] }),
        t.http().post(`${BASE}/${id}/impersonate`).set(auth).send({}),
      ];
      for (const call of calls) expectProblem(await call, 403, 'forbidden');
      for (const call of [t.http().get(BASE), t.http().post(`${BASE}/${id}/approve`), t.http().post(`${BASE}/${id}/impersonate`)]) expectProblem(await call, 401);
      const [row] = await ownerQuery(t, `select status from tenants where id = $1`, [id]);
      expect(row.status).toBe('active');
    });

    it('support staff can read and impersonate but not write', async () => {
      const owner = await signup(t);
      await t.http().get(BASE).set(supportAuth).expect(200);
      await t.http().get(`${BASE}/${owner.tenantId}`).set(supportAuth).expect(200);
      const imp = await t.http().post(`${BASE}/${owner.tenantId}/impersonate`).set(supportAuth).send({}).expect(200);
      const me = await t.http().get('/api/v1/auth/me').set(bearer(imp.body.accessToken)).expect(200);
      expect(me.body.impersonatedBy).toEqual({ id: support.userId, email: support.email });
      const writes = [
        t.http().post(`${BASE}/${owner.tenantId}/suspend`).set(supportAuth).send({}),
        t.http().post(`${BASE}/${owner.tenantId}/approve`).set(supportAuth),
        t.http().post(`${BASE}/${owner.tenantId}/activate`).set(supportAuth),
        t.http().post(`${BASE}/${owner.tenantId}/reject`).set(supportAuth).send({ reason: 'nope nope' }),
        t.http().post(`${BASE}/bulk`).set(supportAuth).send({ action: 'change_plan', plan: 'pro', ids: [owner.tenantId] }),
      ];
      for (const call of writes) expectProblem(await call, 403, 'forbidden');
      const [row] = await ownerQuery(t, `select status, plan from tenants where id = $1`, [owner.tenantId]);
      expect(row).toEqual({ status: 'active', plan: 'free' });
    });

    it('platform staff keep their platform permissions while their own tenant is suspended', async () => {
      const staff = await platformUser(t, 'super_admin');
      await setStatus(t, staff.tenantId, 'suspended');
      await t.http().get(BASE).set(bearer(staff.tokens)).expect(200);
      expectProblem(await t.http().get('/api/v1/roles').set(bearer(staff.tokens)), 403, 'tenant-suspended');
    });
  });

  it('documents every admin route in OpenAPI with a summary, a response schema and its problems', async () => {
    const doc = (await t.http().get('/api/openapi.json').expect(200)).body;
    const routes: Array<[string, string]> = [
      ['/api/v1/admin/tenants', 'get'],
      ['/api/v1/admin/tenants/{id}', 'get'],
      ['/api/v1/admin/tenants/bulk', 'post'],
      ...['approve', 'reject', 'suspend', 'activate', 'impersonate'].map((a): [string, string] => [`/api/v1/admin/tenants/{id}/${a}`, 'post']),
    ];
    for (const [path, method] of routes) {
      const op = doc.paths[path]?.[method];
      expect(op).toBeDefined();
      expect(op.summary).toEqual(expect.any(String));
      expect(op.responses['200'].content['application/json'].schema).toBeDefined();
      expect(op.responses['403']).toBeDefined();
      expect(op.security).toBeDefined();
    }
  });

  describe('tenant status effects', () => {
    const roles = (tokens: Tokens) => t.http().get('/api/v1/roles').set(bearer(tokens));

    it('suspension blocks tenant routes at once (auth/me still answers) and activation restores access', async () => {
      const owner = await signup(t);
      await roles(owner.tokens).expect(200);
      await t.http().post(`${BASE}/${owner.tenantId}/suspend`).set(adminAuth).send({ reason: 'Unpaid invoices' }).expect(200);
      expectProblem(await roles(owner.tokens), 403, 'tenant-suspended');
      expectProblem(await t.http().get('/api/v1/tenant').set(bearer(owner.tokens)), 403, 'tenant-suspended');
      const me = await t.http().get('/api/v1/auth/me').set(bearer(owner.tokens)).expect(200);
      expect(me.body.activeTenant).toMatchObject({ id: owner.tenantId, status: 'suspended' });
      // an impersonation session into a suspended tenant is refused on tenant routes too
      const imp = await t.http().post(`${BASE}/${owner.tenantId}/impersonate`).set(adminAuth).send({}).expect(200);
      expectProblem(await t.http().get('/api/v1/roles').set(bearer(imp.body.accessToken)), 403, 'tenant-suspended');
      await t.http().post(`${BASE}/${owner.tenantId}/activate`).set(adminAuth).expect(200);
      await roles(owner.tokens).expect(200);
    });

    it('pending tenants get tenant-pending until approved; rejected tenants get tenant-rejected', async () => {
      const pending = await signup(t);
      await setStatus(t, pending.tenantId, 'pending');
      expectProblem(await roles(pending.tokens), 403, 'tenant-pending');
      await t.http().get('/api/v1/auth/me').set(bearer(pending.tokens)).expect(200);
      await t.http().post(`${BASE}/${pending.tenantId}/approve`).set(adminAuth).expect(200);
      await roles(pending.tokens).expect(200);

      const rejected = await signup(t);
      await setStatus(t, rejected.tenantId, 'pending');
      await t.http().post(`${BASE}/${rejected.tenantId}/reject`).set(adminAuth).send({ reason: 'Not a real business' }).expect(200);
      expectProblem(await roles(rejected.tokens), 403, 'tenant-rejected');
      const me = await t.http().get('/api/v1/auth/me').set(bearer(rejected.tokens)).expect(200);
      expect(me.body.activeTenant).toMatchObject({ status: 'rejected' });
    });
  });
});
