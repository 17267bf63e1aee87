import { bearer, expectProblem, ownerQuery, signup, startTestApp, TestApp, Tokens, uniqueEmail } from './harness';
import { buildOpenApiDocument } from '../src/openapi';
import { isMutating, listRoutes } from './routes';
import { addMember, invitationTokenSentTo, Member, Owner, roleIds } from './team.fixtures';

const GRANTING_FIELDS = ['permissions', 'scopes', 'roleIds', 'roleId'];
const CEILING = 'grant-exceeds-own-permissions';

/** A member of a fresh tenant whose only role is a custom one holding exactly `permissions`. */
async function actorWith(t: TestApp, permissions: string[]): Promise<{ owner: Owner; actor: Member; roleId: string; roles: Record<string, string> }> {
  const owner = await signup(t);
  const role = (await t.http().post('/api/v1/roles').set(bearer(owner.tokens)).send({ name: `Only ${permissions.join(' ')}`, permissions }).expect(201)).body;
  const actor = await addMember(t, owner, [role.key]);
  return { owner, actor, roleId: role.id, roles: await roleIds(t, owner.tokens) };
}

/** Everything a grant could change in a tenant, to show a refused grant changed nothing. */
async function grants(t: TestApp, tenantId: string) {
  return ownerQuery(
    t,
    `select (select json_agg(json_build_object('id', r.id, 'permissions', r.permissions) order by r.id) from roles r where tenant_id = $1) as roles,
            (select json_agg(mr order by mr.membership_id, mr.role_id) from membership_roles mr where tenant_id = $1) as membership_roles,
            (select json_agg(i.id order by i.id) from invitations i where tenant_id = $1 and revoked_at is null) as invitations,
            (select json_agg(k.id order by k.id) from api_keys k where tenant_id = $1) as api_keys`,
    [tenantId],
  );
}

type Actor = Awaited<ReturnType<typeof actorWith>>;

interface Exercise {
  /** Tries to grant `*` or the admin role; must be refused. */
  escalate: (t: TestApp, a: Actor) => Promise<any>;
  /** The same route granting only what the actor holds; must succeed (the refusal is the ceiling, not the route). */
  within: (t: TestApp, a: Actor) => Promise<any>;
}

/** How to exercise each granting route. A new route whose body grants permissions or roles must be added here. */
const EXERCISES: Record<string, Exercise> = {
  'POST /api/v1/roles': {
    escalate: (t, a) => t.http().post('/api/v1/roles').set(bearer(a.actor.tokens)).send({ name: 'Escalated', permissions: ['*'] }),
    within: (t, a) => t.http().post('/api/v1/roles').set(bearer(a.actor.tokens)).send({ name: 'Within', permissions: ['roles:write'] }),
  },
  'PATCH /api/v1/roles/{id}': {
    escalate: (t, a) => t.http().patch(`/api/v1/roles/${a.roleId}`).set(bearer(a.actor.tokens)).send({ permissions: ['*'] }),
    within: (t, a) => t.http().patch(`/api/v1/roles/${a.roleId}`).set(bearer(a.actor.tokens)).send({ permissions: ['roles:write'], description: 'still mine' }),
  },
  'PATCH /api/v1/members/{id}': {
    escalate: (t, a) => t.http().patch(`/api/v1/members/${a.actor.membershipId}`).set(bearer(a.actor.tokens)).send({ roleIds: [a.roleId, a.roles.admin] }),
    within: (t, a) => t.http().patch(`/api/v1/members/${a.actor.membershipId}`).set(bearer(a.actor.tokens)).send({ roleIds: [a.roleId, a.roles.client] }),
  },
  'POST /api/v1/invitations': {
    escalate: (t, a) => t.http().post('/api/v1/invitations').set(bearer(a.actor.tokens)).send({ email: uniqueEmail('escalate'), roleIds: [a.roles.admin] }),
    within: (t, a) => t.http().post('/api/v1/invitations').set(bearer(a.actor.tokens)).send({ email: uniqueEmail('within'), roleIds: [a.roleId] }),
  },
  'POST /api/v1/api-keys': {
    escalate: (t, a) => t.http().post('/api/v1/api-keys').set(bearer(a.actor.tokens)).send({ name: 'Escalated', scopes: ['*'] }),
    within: (t, a) => t.http().post('/api/v1/api-keys').set(bearer(a.actor.tokens)).send({ name: 'Within', scopes: ['api_keys:write'] }),
  },
};

describe('grant ceiling: nobody grants what they do not hold (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('sweep: every route whose body grants permissions or roles refuses `*` / the admin role to an actor holding only the route\'s permission', async () => {
    const document = buildOpenApiDocument(t.app);
    const schemas = document.components?.schemas ?? {};
    const granting = listRoutes(t.app).filter((route) => {
      if (!isMutating(route)) return false;
      const operation = (document.paths[route.path] as Record<string, any>)[route.method];
      const ref: string | undefined = operation.requestBody?.content?.['application/json']?.schema?.$ref;
      const properties = ref ? Object.keys((schemas[ref.split('/').pop()!] as { properties?: object }).properties ?? {}) : [];
      return properties.some((p) => GRANTING_FIELDS.includes(p));
    });
    expect(granting.length).toBeGreaterThanOrEqual(Object.keys(EXERCISES).length);
    const problems: string[] = [];
    for (const route of granting) {
      const name = `${route.method.toUpperCase()} ${route.path}`;
      const exercise = EXERCISES[name];
      if (!exercise) {
        problems.push(`${name}: grants permissions or roles but the sweep does not know how to exercise it`);
        continue;
      }
      const actor = await actorWith(t, route.permissions);
      const before = await grants(t, actor.owner.tenantId);
      const refused = await exercise.escalate(t, actor);
      if (refused.body?.type !== `https://problems.backoffice.dev/${CEILING}`) problems.push(`${name}: escalation answered ${refused.status} ${refused.body?.type}`);
      else expectProblem(refused, 403, CEILING);
      if (JSON.stringify(await grants(t, actor.owner.tenantId)) !== JSON.stringify(before)) problems.push(`${name}: a refused grant changed data`);
      const allowed = await exercise.within(t, actor);
      if (allowed.status >= 300) problems.push(`${name}: granting within the ceiling answered ${allowed.status} ${JSON.stringify(allowed.body)}`);
    }
    expect(problems).toEqual([]);
  });

  describe('roles', () => {
    it('a member with only roles:write cannot widen its own role, by `*` or any wildcard naming what it lacks', async () => {
      const a = await actorWith(t, ['roles:write', 'roles:read']);
      for (const permissions of [['*'], ['*:write'], ['members:*'], ['roles:*', 'members:write'], ['roles:write', 'roles:read', 'audit:read']]) {
        const res = await t.http().patch(`/api/v1/roles/${a.roleId}`).set(bearer(a.actor.tokens)).send({ permissions });
        expectProblem(res, 403, CEILING);
        expect(res.body.permissions.length).toBeGreaterThan(0);
        for (const p of res.body.permissions) expect(res.body.detail).toContain(p);
        expectProblem(await t.http().post('/api/v1/roles').set(bearer(a.actor.tokens)).send({ name: `W ${permissions.join()}`, permissions }), 403, CEILING);
      }
      expect((await t.http().patch(`/api/v1/roles/${a.roleId}`).set(bearer(a.actor.tokens)).send({ permissions: ['*'] })).body.permissions).toEqual(
        expect.arrayContaining(['members:write', 'api_keys:write', 'tenant:write']),
      );
      // `roles:*` is exactly what it holds: allowed
      await t.http().post('/api/v1/roles').set(bearer(a.actor.tokens)).send({ name: 'Role admins', permissions: ['roles:*'] }).expect(201);
      // shrinking its own role is fine
      await t.http().patch(`/api/v1/roles/${a.roleId}`).set(bearer(a.actor.tokens)).send({ permissions: ['roles:write', 'roles:read'], name: 'Renamed' }).expect(200);
      const [row] = await ownerQuery(t, `select permissions from roles where id = $1`, [a.roleId]);
      expect(row.permissions).toEqual(['roles:read', 'roles:write']);
    });

    it('cannot change a role it could not have created, even only its name', async () => {
      const a = await actorWith(t, ['roles:write']);
      const managers = (await t.http().post('/api/v1/roles').set(bearer(a.owner.tokens)).send({ name: 'Managers', permissions: ['roles:write', 'members:write'] }).expect(201)).body;
      expectProblem(await t.http().patch(`/api/v1/roles/${managers.id}`).set(bearer(a.actor.tokens)).send({ name: 'Mine now' }), 403, CEILING);
      expectProblem(await t.http().patch(`/api/v1/roles/${managers.id}`).set(bearer(a.actor.tokens)).send({ permissions: ['roles:write'] }), 403, CEILING);
      const [row] = await ownerQuery(t, `select name, permissions from roles where id = $1`, [managers.id]);
      expect(row).toEqual({ name: 'Managers', permissions: ['members:write', 'roles:write'] });
    });

    it('an owner keeps full power', async () => {
      const owner = await signup(t);
      const role = (await t.http().post('/api/v1/roles').set(bearer(owner.tokens)).send({ name: 'Everything', permissions: ['*'] }).expect(201)).body;
      await t.http().patch(`/api/v1/roles/${role.id}`).set(bearer(owner.tokens)).send({ permissions: ['*:write', '*:read'] }).expect(200);
    });
  });

  describe('member roles', () => {
    it('a member with only members:write cannot give itself (or anyone) the admin role, nor a mix of allowed and not-allowed roles', async () => {
      const a = await actorWith(t, ['members:write', 'members:read']);
      const other = await addMember(t, a.owner, ['client']);
      const before = await grants(t, a.owner.tenantId);
      expectProblem(await t.http().patch(`/api/v1/members/${a.actor.membershipId}`).set(bearer(a.actor.tokens)).send({ roleIds: [a.roleId, a.roles.admin] }), 403, CEILING);
      expectProblem(await t.http().patch(`/api/v1/members/${a.actor.membershipId}`).set(bearer(a.actor.tokens)).send({ roleIds: [a.roles.admin] }), 403, CEILING);
      const mixed = await t.http().patch(`/api/v1/members/${other.membershipId}`).set(bearer(a.actor.tokens)).send({ roleIds: [a.roles.client, a.roles.viewer] });
      expectProblem(mixed, 403, CEILING);
      expect(mixed.body.permissions).toContain('audit:read');
      expect(await grants(t, a.owner.tenantId)).toEqual(before);
      // roles within its permissions are fine
      await t.http().patch(`/api/v1/members/${other.membershipId}`).set(bearer(a.actor.tokens)).send({ roleIds: [a.roles.client, a.roleId] }).expect(200);
    });

    it('a role counts with its permissions of today: once edited to more, the actor can no longer hand it out', async () => {
      const a = await actorWith(t, ['members:write']);
      const other = await addMember(t, a.owner, ['client']);
      const helpers = (await t.http().post('/api/v1/roles').set(bearer(a.owner.tokens)).send({ name: 'Helpers', permissions: ['members:write'] }).expect(201)).body;
      await t.http().patch(`/api/v1/roles/${helpers.id}`).set(bearer(a.owner.tokens)).send({ permissions: ['members:write', 'api_keys:write'] }).expect(200);
      const res = await t.http().patch(`/api/v1/members/${other.membershipId}`).set(bearer(a.actor.tokens)).send({ roleIds: [helpers.id] });
      expectProblem(res, 403, CEILING);
      expect(res.body.permissions).toEqual(['api_keys:write']);
    });

    it('keeping a role the member already holds is not a new grant', async () => {
      const a = await actorWith(t, ['members:write']);
      const other = await addMember(t, a.owner, ['viewer', 'client']);
      await t.http().patch(`/api/v1/members/${other.membershipId}`).set(bearer(a.actor.tokens)).send({ roleIds: [a.roles.viewer] }).expect(200);
    });
  });

  describe('invitations', () => {
    it('a member with only invitations:write cannot invite with the admin role, a mix of roles, nor resend such an invitation', async () => {
      const a = await actorWith(t, ['invitations:write']);
      const before = await grants(t, a.owner.tenantId);
      expectProblem(await t.http().post('/api/v1/invitations').set(bearer(a.actor.tokens)).send({ email: uniqueEmail('x'), roleIds: [a.roles.admin] }), 403, CEILING);
      expectProblem(await t.http().post('/api/v1/invitations').set(bearer(a.actor.tokens)).send({ email: uniqueEmail('x'), roleIds: [a.roleId, a.roles.support] }), 403, CEILING);
      expect(await grants(t, a.owner.tenantId)).toEqual(before);
      const email = uniqueEmail('admin-invitee');
      const invitation = (await t.http().post('/api/v1/invitations').set(bearer(a.owner.tokens)).send({ email, roleIds: [a.roles.admin] }).expect(201)).body;
      const firstToken = await invitationTokenSentTo(t, email);
      expectProblem(await t.http().post(`/api/v1/invitations/${invitation.id}/resend`).set(bearer(a.actor.tokens)).send({}), 403, CEILING);
      expect(await invitationTokenSentTo(t, email)).toBe(firstToken);
      await t.http().post('/api/v1/invitations').set(bearer(a.actor.tokens)).send({ email: uniqueEmail('ok'), roleIds: [a.roleId, a.roles.client] }).expect(201);
      await t.http().post(`/api/v1/invitations/${invitation.id}/resend`).set(bearer(a.owner.tokens)).send({}).expect(200);
    });
  });

  describe('API keys', () => {
    it('scopes pass the same ceiling: wildcards are expanded and the problem names what is missing', async () => {
      const a = await actorWith(t, ['api_keys:write', 'api_keys:read', 'members:read']);
      const res = await t.http().post('/api/v1/api-keys').set(bearer(a.actor.tokens)).send({ name: 'Writer', scopes: ['*:read'] });
      expectProblem(res, 403, CEILING);
      expect(res.body.permissions).toEqual(expect.arrayContaining(['roles:read', 'audit:read']));
      expect(res.body.permissions).not.toContain('members:read');
      await t.http().post('/api/v1/api-keys').set(bearer(a.actor.tokens)).send({ name: 'Reader', scopes: ['api_keys:*', 'members:read'] }).expect(201);
    });

    it('an API key cannot grant beyond its own scopes either', async () => {
      const owner = await signup(t);
      const key = (await t.http().post('/api/v1/api-keys').set(bearer(owner.tokens)).send({ name: 'Role bot', scopes: ['roles:write'] }).expect(201)).body.key as string;
      expectProblem(await t.http().post('/api/v1/roles').set(bearer(key)).send({ name: 'Bot admin', permissions: ['*'] }), 403, CEILING);
      await t.http().post('/api/v1/roles').set(bearer(key)).send({ name: 'Bot roles', permissions: ['roles:write'] }).expect(201);
    });
  });

  it('the owner role stays protected as before: an admin holding everything still cannot grant it', async () => {
    const owner = await signup(t);
    const admin = await addMember(t, owner, ['admin']);
    const roles = await roleIds(t, owner.tokens);
    expectProblem(await t.http().patch(`/api/v1/members/${admin.membershipId}`).set(bearer(admin.tokens as Tokens)).send({ roleIds: [roles.owner] }), 403, 'forbidden');
  });
});
