import { bearer, expectProblem, login, ownerQuery, signup, startTestApp, TestApp, Tokens } from './harness';
import { addMember, auditActions, roleIds } from './team.fixtures';

describe('members (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  const members = (token: Tokens, query = '') => t.http().get(`/api/v1/members${query}`).set(bearer(token));
  const patch = (token: Tokens, id: string, body: object) => t.http().patch(`/api/v1/members/${id}`).set(bearer(token)).send(body);
  const remove = (token: Tokens, id: string) => t.http().delete(`/api/v1/members/${id}`).set(bearer(token));

  it('lists members with their roles, searches name and email literally, filters by role and pages with a cursor', async () => {
    const owner = await signup(t, { name: 'Olivia Owner' });
    const alice = await addMember(t, owner, ['admin'], 'Alice Smith');
    const bob = await addMember(t, owner, ['viewer'], 'Bob Jones');
    const carol = await addMember(t, owner, ['viewer', 'mentor'], 'Carol 100%_sure');

    const all = (await members(owner.tokens).expect(200)).body;
    expect(all.nextCursor).toBeNull();
    expect(all.data.map((m: { userId: string }) => m.userId)).toEqual([carol.userId, bob.userId, alice.userId, owner.userId]);
    expect(all.data[0]).toEqual({
      id: carol.membershipId,
      userId: carol.userId,
      email: carol.email,
      name: 'Carol 100%_sure',
      roles: [expect.objectContaining({ key: 'mentor', name: 'Mentor' }), expect.objectContaining({ key: 'viewer', name: 'Viewer' })],
      active: true,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });

    const names = async (query: string) => (await members(owner.tokens, query).expect(200)).body.data.map((m: { name: string }) => m.name);
    expect(await names('?q=SMITH')).toEqual(['Alice Smith']);
    expect(await names(`?q=${encodeURIComponent(bob.email.split('@')[0].toUpperCase())}`)).toEqual(['Bob Jones']);
    expect(await names('?q=%25')).toEqual(['Carol 100%_sure']);
    expect(await names('?q=_')).toEqual(['Carol 100%_sure']);
    expect(await names('?q=nobody-like-this')).toEqual([]);
    expect(await names('?role=viewer')).toEqual(['Carol 100%_sure', 'Bob Jones']);
    expect(await names('?role=owner')).toEqual(['Olivia Owner']);
    expect(await names('?role=viewer&q=bob')).toEqual(['Bob Jones']);
    expect(await names('?role=no-such-role')).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { data: Array<{ id: string }>; nextCursor: string | null } = (await members(owner.tokens, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`).expect(200)).body;
      seen.push(...page.data.map((m) => m.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(all.data.map((m: { id: string }) => m.id));

    expectProblem(await members(owner.tokens, '?cursor=not-a-cursor'), 400, 'validation-failed');
    const forged = Buffer.from(JSON.stringify({ v: '2025-13-45T99:00:00.000000Z', id: 'x' })).toString('base64url');
    expectProblem(await members(owner.tokens, `?cursor=${forged}`), 400, 'validation-failed');
    expectProblem(await members(owner.tokens, '?limit=0'), 400, 'validation-failed');
    expectProblem(await members(owner.tokens, '?role=DROP TABLE'), 400, 'validation-failed');
    expectProblem(await members(owner.tokens, '?q=x&unknown=1'), 400, 'validation-failed');
  });

  it('applies a role change on the next request with the same token', async () => {
    const owner = await signup(t);
    const roles = await roleIds(t, owner.tokens);
    const member = await addMember(t, owner, ['viewer']);
    const other = await addMember(t, owner, ['mentor']);

    await members(member.tokens).expect(200);
    expectProblem(await patch(member.tokens, other.membershipId, { roleIds: [roles.client] }), 403, 'forbidden');
    expectProblem(await remove(member.tokens, other.membershipId), 403, 'forbidden');

    const changed = await patch(owner.tokens, member.membershipId, { roleIds: [roles.admin] }).expect(200);
    expect(changed.body.roles.map((r: { key: string }) => r.key)).toEqual(['admin']);

    const res = await patch(member.tokens, other.membershipId, { roleIds: [roles.client, roles.mentor] }).expect(200);
    expect(res.body.roles.map((r: { key: string }) => r.key).sort()).toEqual(['client', 'mentor']);

    const audit = await ownerQuery(t, `select before, after, actor_id from audit_logs where tenant_id = $1 and action = 'member.roles_changed' and entity_id = $2`, [owner.tenantId, member.membershipId]);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_id).toBe(owner.userId);
    expect(audit[0].before.roles.map((r: { key: string }) => r.key)).toEqual(['viewer']);
    expect(audit[0].after.roles.map((r: { key: string }) => r.key)).toEqual(['admin']);
    expect(await auditActions(t, owner.tenantId, other.membershipId)).toEqual(['member.roles_changed']);

    // the same roles again changes nothing and writes no audit row
    await patch(owner.tokens, member.membershipId, { roleIds: [roles.admin] }).expect(200);
    expect(await auditActions(t, owner.tenantId, member.membershipId)).toEqual(['member.roles_changed']);
  });

  it('validates role changes: at least one role, roles of this tenant only, known fields only', async () => {
    const owner = await signup(t);
    const stranger = await signup(t);
    const strangerRoles = await roleIds(t, stranger.tokens);
    const member = await addMember(t, owner, ['viewer']);
    expectProblem(await patch(owner.tokens, member.membershipId, { roleIds: [] }), 400, 'validation-failed');
    expectProblem(await patch(owner.tokens, member.membershipId, { roleIds: ['nope'] }), 400, 'validation-failed');
    expectProblem(await patch(owner.tokens, member.membershipId, { roleIds: [strangerRoles.admin] }), 400, 'validation-failed');
    expectProblem(await patch(owner.tokens, member.membershipId, { active: 'no' }), 400, 'validation-failed');
    expectProblem(await patch(owner.tokens, member.membershipId, { userId: owner.userId }), 400, 'validation-failed');
    expectProblem(await patch(owner.tokens, 'not-a-uuid', { active: true }), 400);
    expectProblem(await patch(owner.tokens, '0194b000-0000-7000-8000-000000000000', { active: true }), 404, 'not-found');
    const [row] = await ownerQuery(t, `select count(*)::int as n from membership_roles where membership_id = $1`, [member.membershipId]);
    expect(row.n).toBe(1);
  });

  it('never leaves a tenant without an active owner, and only owners touch ownership', async () => {
    const owner = await signup(t);
    const roles = await roleIds(t, owner.tokens);
    const ownerMembership = (await members(owner.tokens, '?role=owner').expect(200)).body.data[0].id;
    const admin = await addMember(t, owner, ['admin']);
    const member = await addMember(t, owner, ['viewer']);

    // the only owner cannot drop the owner role, deactivate or remove themself
    expectProblem(await patch(owner.tokens, ownerMembership, { roleIds: [roles.admin] }), 409, 'last-owner');
    expectProblem(await patch(owner.tokens, ownerMembership, { active: false }), 409, 'last-owner');
    expectProblem(await remove(owner.tokens, ownerMembership), 409, 'last-owner');

    // an admin (every permission, not owner) cannot grant, remove, deactivate or delete ownership
    expectProblem(await patch(admin.tokens, member.membershipId, { roleIds: [roles.owner] }), 403, 'forbidden');
    expectProblem(await patch(admin.tokens, ownerMembership, { roleIds: [roles.admin] }), 403, 'forbidden');
    expectProblem(await patch(admin.tokens, ownerMembership, { active: false }), 403, 'forbidden');
    expectProblem(await remove(admin.tokens, ownerMembership), 403, 'forbidden');
    // but can change other roles of members
    await patch(admin.tokens, member.membershipId, { roleIds: [roles.mentor] }).expect(200);

    // an owner can make a second owner; then either may step down, but not the last one
    await patch(owner.tokens, member.membershipId, { roleIds: [roles.owner, roles.mentor] }).expect(200);
    const stepDown = await patch(owner.tokens, ownerMembership, { roleIds: [roles.admin] }).expect(200);
    expect(stepDown.body.roles.map((r: { key: string }) => r.key)).toEqual(['admin']);
    expectProblem(await patch(member.tokens, member.membershipId, { roleIds: [roles.mentor] }), 409, 'last-owner');
    expectProblem(await remove(member.tokens, member.membershipId), 409, 'last-owner');
    // the former owner (now admin) cannot take the owner role back on their own
    expectProblem(await patch(owner.tokens, ownerMembership, { roleIds: [roles.owner] }), 403, 'forbidden');

    const [ownersLeft] = await ownerQuery(
      t,
      `select count(*)::int as n from memberships m join membership_roles mr on mr.membership_id = m.id join roles r on r.id = mr.role_id
        where m.tenant_id = $1 and m.active and r.key = 'owner'`,
      [owner.tenantId],
    );
    expect(ownersLeft.n).toBe(1);
  });

  it('does not let a member deactivate or remove themself', async () => {
    const owner = await signup(t);
    const roles = await roleIds(t, owner.tokens);
    const ownerMembership = (await members(owner.tokens, '?role=owner').expect(200)).body.data[0].id;
    const coOwner = await addMember(t, owner, ['owner']);
    const admin = await addMember(t, owner, ['admin']);
    expectProblem(await patch(owner.tokens, ownerMembership, { active: false }), 409, 'cannot-change-self');
    expectProblem(await remove(owner.tokens, ownerMembership), 409, 'cannot-remove-self');
    expectProblem(await patch(admin.tokens, admin.membershipId, { active: false }), 409, 'cannot-change-self');
    expectProblem(await remove(admin.tokens, admin.membershipId), 409, 'cannot-remove-self');
    // changing one's own non-owner roles is allowed
    await patch(admin.tokens, admin.membershipId, { roleIds: [roles.admin, roles.mentor] }).expect(200);
    await members(coOwner.tokens).expect(200);
    expect(await auditActions(t, owner.tenantId, admin.membershipId)).toEqual(['member.roles_changed']);
  });

  it('locks out a deactivated member at once and lets them back in when reactivated', async () => {
    const owner = await signup(t);
    const member = await addMember(t, owner, ['admin']);
    await members(member.tokens).expect(200);

    const off = await patch(owner.tokens, member.membershipId, { active: false }).expect(200);
    expect(off.body.active).toBe(false);
    expectProblem(await members(member.tokens), 403, 'membership-inactive');
    const me = await t.http().get('/api/v1/auth/me').set(bearer(member.tokens)).expect(200);
    expect(me.body.permissions).toEqual([]);
    expect((await members(owner.tokens, '?q=' + encodeURIComponent(member.email)).expect(200)).body.data[0].active).toBe(false);

    const on = await patch(owner.tokens, member.membershipId, { active: true }).expect(200);
    expect(on.body.active).toBe(true);
    await members(member.tokens).expect(200);

    const audit = await ownerQuery(t, `select action, before, after from audit_logs where tenant_id = $1 and entity_id = $2 order by created_at, id`, [owner.tenantId, member.membershipId]);
    expect(audit.map((r) => r.action)).toEqual(['member.deactivated', 'member.activated']);
    expect(audit[0].before).toMatchObject({ active: true });
    expect(audit[0].after).toMatchObject({ active: false });
  });

  it('removes a member, their roles and their sessions in this tenant', async () => {
    const owner = await signup(t);
    const member = await addMember(t, owner, ['admin']);
    const secondDevice = await login(t, member.email);
    expect(secondDevice.tenantId).toBe(owner.tenantId);
    const elsewhere = await signup(t);
    const [foreignSession] = await ownerQuery(t, `select id from auth_sessions where user_id = $1`, [elsewhere.userId]);

    await remove(owner.tokens, member.membershipId).expect(204);

    expectProblem(await members(member.tokens), 401);
    expectProblem(await members(secondDevice), 401);
    expectProblem(await t.http().post('/api/v1/auth/refresh').send({ refreshToken: secondDevice.refreshToken }), 401);
    const sessions = await ownerQuery(t, `select revoked_at, revoked_reason from auth_sessions where user_id = $1 and tenant_id = $2`, [member.userId, owner.tenantId]);
    expect(sessions).toHaveLength(2);
    expect(sessions.every((s) => s.revoked_at !== null && s.revoked_reason === 'membership_removed')).toBe(true);
    expect((await ownerQuery(t, `select revoked_at from auth_sessions where id = $1`, [foreignSession.id]))[0].revoked_at).toBeNull();
    expect(await ownerQuery(t, `select 1 from memberships where id = $1`, [member.membershipId])).toHaveLength(0);
    expect(await ownerQuery(t, `select 1 from membership_roles where membership_id = $1`, [member.membershipId])).toHaveLength(0);
    expect(await ownerQuery(t, `select 1 from users where id = $1`, [member.userId])).toHaveLength(1);
    expectProblem(await remove(owner.tokens, member.membershipId), 404, 'not-found');

    const [audit] = await ownerQuery(t, `select action, actor_id, before from audit_logs where tenant_id = $1 and entity_id = $2`, [owner.tenantId, member.membershipId]);
    expect(audit).toMatchObject({ action: 'member.removed', actor_id: owner.userId });
    expect(audit.before).toMatchObject({ userId: member.userId, email: member.email });
  });

  it('keeps tenants apart: another tenant\'s member is not found and stays unchanged', async () => {
    const a = await signup(t);
    const b = await signup(t);
    const aRoles = await roleIds(t, a.tokens);
    const bMember = await addMember(t, b, ['viewer']);
    const bOwnerMembership = (await members(b.tokens, '?role=owner').expect(200)).body.data[0].id;

    expect((await members(a.tokens).expect(200)).body.data.map((m: { userId: string }) => m.userId)).toEqual([a.userId]);
    expectProblem(await patch(a.tokens, bMember.membershipId, { active: false }), 404, 'not-found');
    expectProblem(await patch(a.tokens, bMember.membershipId, { roleIds: [aRoles.admin] }), 404, 'not-found');
    expectProblem(await remove(a.tokens, bMember.membershipId), 404, 'not-found');
    expectProblem(await remove(a.tokens, bOwnerMembership), 404, 'not-found');

    const [row] = await ownerQuery(
      t,
      `select m.active, array_agg(r.key) as roles from memberships m join membership_roles mr on mr.membership_id = m.id join roles r on r.id = mr.role_id
        where m.id = $1 group by m.active`,
      [bMember.membershipId],
    );
    expect(row).toEqual({ active: true, roles: ['viewer'] });
    expect(await ownerQuery(t, `select 1 from auth_sessions where user_id = $1 and revoked_at is not null`, [bMember.userId])).toHaveLength(0);
    expect(await auditActions(t, a.tenantId)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^member\./)]));
    expect(await auditActions(t, b.tenantId, bMember.membershipId)).toEqual([]);
  });
});
