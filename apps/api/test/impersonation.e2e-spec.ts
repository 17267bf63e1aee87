import { bearer, expectProblem, login, ownerQuery, signup, startTestApp, TestApp, Tokens, uniqueEmail } from './harness';
import { buildOpenApiDocument } from '../src/openapi';
import { fillPath, isMutating, listRoutes, RouteInfo } from './routes';
import { addMember, roleIds } from './team.fixtures';

type Signup = Awaited<ReturnType<typeof signup>>;

const FORBIDDEN = 'impersonation-forbidden';
const name = (route: RouteInfo) => `${route.method.toUpperCase()} ${route.path}`;

/**
 * Routes an impersonation must never use: every authenticated change under /auth but the
 * impersonation's own logout, and every change of API keys, sessions, invitations and members creation.
 */
const mustBeMarked = (route: RouteInfo) =>
  isMutating(route) &&
  !route.isPublic &&
  name(route) !== 'POST /api/v1/auth/logout' &&
  (route.path.startsWith('/api/v1/auth/') ||
    route.path.startsWith('/api/v1/api-keys') ||
    route.path.startsWith('/api/v1/invitations') ||
    route.path.startsWith('/api/v1/members'));

/** Response fields that hand out a credential: a route answering one must not be open to an impersonation. */
const CREDENTIAL_FIELDS = new Set(['secret', 'accessToken', 'refreshToken', 'otpauthUrl']);

/** Mutating, authenticated routes whose success answer carries a credential field (from the OpenAPI document). */
function credentialIssuingRoutes(document: any): string[] {
  const schemaOf = (ref: any): any => (ref?.$ref ? document.components.schemas[ref.$ref.split('/').pop()] : ref);
  const fields = (schema: any, depth = 0): string[] => {
    const resolved = schemaOf(schema);
    if (!resolved || depth > 4) return [];
    const own = Object.entries(resolved.properties ?? {}).flatMap(([field, sub]) => [field, ...fields(sub, depth + 1)]);
    return [...own, ...(resolved.allOf ?? []).flatMap((part: any) => fields(part, depth + 1))];
  };
  const found: string[] = [];
  for (const [path, item] of Object.entries<any>(document.paths)) {
    for (const method of ['post', 'put', 'patch', 'delete']) {
      const operation = item[method];
      if (!operation || !operation.security?.length) continue;
      const answers = Object.entries<any>(operation.responses ?? {}).filter(([status]) => status.startsWith('2'));
      const schemas = answers.map(([, answer]) => answer.content?.['application/json']?.schema);
      if (schemas.some((schema) => fields(schema).some((field) => CREDENTIAL_FIELDS.has(field)))) found.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return found;
}

/**
 * Public routes under the same prefixes take no session (so an impersonation token means nothing to
 * them); a new one must be reviewed and listed here.
 */
const PUBLIC_ACCOUNT_ROUTES = [
  'POST /api/v1/auth/signup',
  'POST /api/v1/auth/signup/confirm',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/password/forgot',
  'POST /api/v1/auth/password/reset',
  'POST /api/v1/auth/email/verify',
  'POST /api/v1/invitations/accept',
  'POST /api/v1/invitations/lookup',
];

async function staffMember(t: TestApp, role: 'super_admin' | 'support' = 'support'): Promise<Signup> {
  const staff = await signup(t, { name: `Staff ${role}` });
  await ownerQuery(t, `update users set platform_role = $2 where id = $1`, [staff.userId, role]);
  return staff;
}

async function impersonate(t: TestApp, staff: Tokens, tenantId: string, userId?: string): Promise<{ accessToken: string; expiresIn: number; sessionId: string }> {
  const res = await t.http().post(`/api/v1/admin/tenants/${tenantId}/impersonate`).set(bearer(staff)).send(userId ? { userId } : {}).expect(200);
  const claims = JSON.parse(Buffer.from(res.body.accessToken.split('.')[1], 'base64url').toString());
  return { accessToken: res.body.accessToken, expiresIn: res.body.expiresIn, sessionId: claims.sid };
}

/** Credentials, sessions and members of a tenant and its owner, to show a refused call changed nothing. */
async function accountState(t: TestApp, owner: Signup) {
  return ownerQuery(
    t,
    `select (select json_agg(k.id || coalesce(k.revoked_at::text, '') order by k.id) from api_keys k where tenant_id = $1) as api_keys,
            (select json_agg(s.id || coalesce(s.revoked_at::text, '') order by s.id) from auth_sessions s where user_id = $2 and impersonator_id is null) as sessions,
            (select json_agg(i.id || coalesce(i.revoked_at::text, '') || i.token_hash order by i.id) from invitations i where tenant_id = $1) as invitations,
            (select json_agg(m.id order by m.id) from memberships m where tenant_id = $1) as memberships,
            (select totp_secret_enc is null and totp_pending_secret_enc is null from users where id = $2) as no_totp,
            (select count(*) from email_messages where to_address = (select email from users where id = $2)) as emails`,
    [owner.tenantId, owner.userId],
  );
}

describe('impersonation: bound to the staff session, no credentials, audited (e2e)', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  beforeAll(async () => {
    t = await startTestApp();
    routes = listRoutes(t.app);
  });
  afterAll(() => t.close());

  it('sweep: every credential, session, invitation and member-creating route is marked, and refuses an impersonation token', async () => {
    const unmarked = routes.filter((r) => mustBeMarked(r) && !r.notWhileImpersonating).map(name);
    expect(unmarked).toEqual([]);
    // Wherever it lives, a route that hands out a credential (a signing secret, a key, tokens) is marked.
    const issuing = credentialIssuingRoutes(buildOpenApiDocument(t.app));
    expect(issuing).toEqual(expect.arrayContaining(['POST /api/v1/webhook-endpoints', 'POST /api/v1/auth/totp/setup']));
    const marked = new Set(routes.filter((r) => r.notWhileImpersonating).map(name));
    expect(issuing.filter((route) => !marked.has(route))).toEqual([]);
    const publicOnes = routes.filter((r) => isMutating(r) && r.isPublic && /^\/api\/v1\/(auth|invitations|members|api-keys)\//.test(r.path)).map(name);
    expect(publicOnes.sort()).toEqual([...PUBLIC_ACCOUNT_ROUTES].sort());
    // The impersonation can always end itself.
    expect(routes.find((r) => name(r) === 'POST /api/v1/auth/logout')?.notWhileImpersonating).toBe(false);

    const owner = await signup(t);
    const staff = await staffMember(t);
    const { accessToken } = await impersonate(t, staff.tokens, owner.tenantId);
    const before = await accountState(t, owner);
    const allowed: string[] = [];
    for (const route of routes.filter((r) => r.notWhileImpersonating)) {
      const res = await (t.http() as any)[route.method](fillPath(route.path)).set(bearer(accessToken)).send({});
      if (res.body?.type !== `https://problems.backoffice.dev/${FORBIDDEN}`) allowed.push(`${name(route)} → ${res.status} ${res.body?.type}`);
      else expectProblem(res, 403, FORBIDDEN);
    }
    expect(allowed).toEqual([]);
    expect(await accountState(t, owner)).toEqual(before);
    expect(routes.filter((r) => r.notWhileImpersonating).length).toBeGreaterThanOrEqual(11);
  });

  it('refuses API keys, TOTP, session revocation, invitations and tenant switching with real requests; the real user still can', async () => {
    const owner = await signup(t);
    const staff = await staffMember(t);
    const roles = await roleIds(t, owner.tokens);
    const key = (await t.http().post('/api/v1/api-keys').set(bearer(owner.tokens)).send({ name: 'Real', scopes: ['members:read'] }).expect(201)).body;
    const invitation = (await t.http().post('/api/v1/invitations').set(bearer(owner.tokens)).send({ email: uniqueEmail('invitee'), roleIds: [roles.viewer] }).expect(201)).body;
    const [realSession] = await ownerQuery(t, `select id from auth_sessions where user_id = $1 and impersonator_id is null limit 1`, [owner.userId]);
    const imp = bearer((await impersonate(t, staff.tokens, owner.tenantId)).accessToken);
    const before = await accountState(t, owner);
    const attempts: Array<[string, () => any]> = [
      ['create API key', () => t.http().post('/api/v1/api-keys').set(imp).send({ name: 'Lasting', scopes: ['members:read'] })],
      ['revoke API key', () => t.http().delete(`/api/v1/api-keys/${key.id}`).set(imp)],
      ['TOTP setup', () => t.http().post('/api/v1/auth/totp/setup').set(imp).send({})],
      ['TOTP enable', () => t.http().post('/api/v1/auth/totp/enable').set(imp).send({ code: '123456' })],
      ['TOTP disable', () => t.http().post('/api/v1/auth/totp/disable').set(imp).send({ code: '123456' })],
      ['revoke session', () => t.http().delete(`/api/v1/auth/sessions/${realSession.id}`).set(imp)],
      ['invite', () => t.http().post('/api/v1/invitations').set(imp).send({ email: uniqueEmail('outsider'), roleIds: [roles.viewer] })],
      ['resend invitation', () => t.http().post(`/api/v1/invitations/${invitation.id}/resend`).set(imp).send({})],
      ['revoke invitation', () => t.http().delete(`/api/v1/invitations/${invitation.id}`).set(imp)],
      ['switch tenant', () => t.http().post('/api/v1/auth/switch-tenant').set(imp).send({ tenantId: owner.tenantId })],
      ['resend verification', () => t.http().post('/api/v1/auth/email/resend').set(imp).send({})],
    ];
    for (const [label, attempt] of attempts) {
      const res = await attempt();
      expect({ label, type: res.body.type }).toEqual({ label, type: `https://problems.backoffice.dev/${FORBIDDEN}` });
      expectProblem(res, 403, FORBIDDEN);
    }
    expect(await accountState(t, owner)).toEqual(before);
    // reading and ordinary work go on while impersonating
    await t.http().get('/api/v1/api-keys').set(imp).expect(200);
    await t.http().get('/api/v1/auth/sessions').set(imp).expect(200);
    await t.http().post('/api/v1/roles').set(imp).send({ name: 'Support made', permissions: [] }).expect(201);
    // the same calls work for the user themself
    await t.http().post('/api/v1/api-keys').set(bearer(owner.tokens)).send({ name: 'Mine', scopes: ['members:read'] }).expect(201);
    await t.http().post('/api/v1/auth/totp/setup').set(bearer(owner.tokens)).send({}).expect(201);
  });

  it('ends when the staff session ends: logout, revocation, expiry, or losing the right to impersonate', async () => {
    const owner = await signup(t);
    const check = async (token: string, status: number) => expect((await t.http().get('/api/v1/roles').set(bearer(token))).status).toBe(status);

    const loggingOut = await staffMember(t);
    const byLogout = await impersonate(t, loggingOut.tokens, owner.tenantId);
    await check(byLogout.accessToken, 200);
    const listed = async () => (await t.http().get('/api/v1/auth/sessions').set(bearer(owner.tokens)).expect(200)).body.data.map((s: { id: string }) => s.id);
    expect(await listed()).toContain(byLogout.sessionId);
    await t.http().post('/api/v1/auth/logout').set(bearer(loggingOut.tokens)).send({}).expect(204);
    expect(await listed()).not.toContain(byLogout.sessionId);
    expectProblem(await t.http().get('/api/v1/roles').set(bearer(byLogout.accessToken)), 401, 'unauthorized');
    expectProblem(await t.http().get('/api/v1/auth/me').set(bearer(byLogout.accessToken)), 401, 'unauthorized');

    const revoked = await staffMember(t);
    const staffLaptop = await login(t, revoked.email);
    const byRevocation = await impersonate(t, staffLaptop, owner.tenantId);
    await check(byRevocation.accessToken, 200);
    const [laptopSession] = await ownerQuery(t, `select id from auth_sessions where user_id = $1 and impersonator_id is null order by created_at desc limit 1`, [revoked.userId]);
    await t.http().delete(`/api/v1/auth/sessions/${laptopSession.id}`).set(bearer(revoked.tokens)).expect(204);
    await check(byRevocation.accessToken, 401);

    const expiring = await staffMember(t);
    const byExpiry = await impersonate(t, expiring.tokens, owner.tenantId);
    await check(byExpiry.accessToken, 200);
    await ownerQuery(t, `update auth_sessions set expires_at = now() - interval '1 second' where user_id = $1 and impersonator_id is null`, [expiring.userId]);
    await check(byExpiry.accessToken, 401);

    const demoted = await staffMember(t);
    const byDemoted = await impersonate(t, demoted.tokens, owner.tenantId);
    await check(byDemoted.accessToken, 200);
    await ownerQuery(t, `update users set platform_role = null where id = $1`, [demoted.userId]);
    await check(byDemoted.accessToken, 401);

    // the impersonation can end itself without touching the staff session
    const staying = await staffMember(t);
    const own = await impersonate(t, staying.tokens, owner.tenantId);
    await t.http().post('/api/v1/auth/logout').set(bearer(own.accessToken)).send({}).expect(204);
    await check(own.accessToken, 401);
    await t.http().get('/api/v1/auth/me').set(bearer(staying.tokens)).expect(200);
  });

  it('lasts at most one hour and never longer than the staff session', async () => {
    const owner = await signup(t);
    const staff = await staffMember(t);
    await ownerQuery(t, `update auth_sessions set expires_at = now() + interval '10 minutes' where user_id = $1`, [staff.userId]);
    const short = await impersonate(t, staff.tokens, owner.tenantId);
    expect(short.expiresIn).toBeGreaterThan(0);
    expect(short.expiresIn).toBeLessThanOrEqual(600);
    const claims = JSON.parse(Buffer.from(short.accessToken.split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(short.expiresIn);
    const [row] = await ownerQuery(
      t,
      `select s.expires_at <= staff.expires_at as within, s.impersonator_session_id = staff.id as bound
         from auth_sessions s join auth_sessions staff on staff.id = s.impersonator_session_id where s.id = $1`,
      [short.sessionId],
    );
    expect(row).toEqual({ within: true, bound: true });
    const other = await staffMember(t);
    expect((await impersonate(t, other.tokens, owner.tenantId)).expiresIn).toBe(3600);
  });

  it('audits every change made while impersonating as the staff member acting for the user', async () => {
    const owner = await signup(t);
    const staff = await staffMember(t);
    const member = await addMember(t, owner, ['viewer']);
    const [{ at }] = await ownerQuery(t, `select clock_timestamp() as at`);
    const imp = bearer((await impersonate(t, staff.tokens, owner.tenantId)).accessToken);
    const role = (await t.http().post('/api/v1/roles').set(imp).send({ name: 'Audited', permissions: ['members:read'] }).expect(201)).body;
    await t.http().patch(`/api/v1/roles/${role.id}`).set(imp).send({ permissions: [] }).expect(200);
    await t.http().delete(`/api/v1/roles/${role.id}`).set(imp).expect(204);
    await t.http().patch('/api/v1/tenant').set(imp).send({ name: 'Renamed by support' }).expect(200);
    // A member's roles and access are the user's own decision: refused while impersonating, nothing changes.
    expectProblem(await t.http().patch(`/api/v1/members/${member.membershipId}`).set(imp).send({ active: false }), 403, FORBIDDEN);
    expectProblem(await t.http().delete(`/api/v1/members/${member.membershipId}`).set(imp), 403, FORBIDDEN);
    expect((await ownerQuery(t, `select active from memberships where id = $1`, [member.membershipId]))[0].active).toBe(true);
    await t.http().put('/api/v1/feature-flags/analytics.reports').set(imp).send({ enabled: true }).expect(200);
    await t.http().put('/api/v1/email-templates/invitation').set(imp).send({ subject: 'Join {{tenantName}}', text: 'Join: {{link}}' }).expect(200);
    await t.http().post('/api/v1/auth/totp/setup').set(imp).send({}).expect(403);
    await t.http().post('/api/v1/auth/logout').set(imp).send({}).expect(204);
    const rows = await ownerQuery(t, `select action, actor_type, actor_id, impersonator_id from audit_logs where tenant_id = $1 and created_at >= $2 and action <> 'tenant.impersonation_started'`, [owner.tenantId, at]);
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['role.created', 'role.updated', 'role.deleted', 'tenant.updated', 'auth.signed_out']),
    );
    expect(rows.map((r) => r.action)).not.toContain('member.deactivated');
    expect(rows.length).toBeGreaterThanOrEqual(7);
    for (const row of rows) expect(row).toMatchObject({ actor_type: 'user', actor_id: owner.userId, impersonator_id: staff.userId });
  });
});
