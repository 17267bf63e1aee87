import { bearer, expectProblem, ownerQuery, PASSWORD, signup, startTestApp, TestApp, Tokens, tokenFromMail, uniqueEmail, waitForMail } from './harness';
import { addMember, auditActions, invitationTokenSentTo, roleIds } from './team.fixtures';

describe('invitations (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: true });
  });
  afterAll(async () => t.close());

  const invite = (tokens: Tokens, body: object) => t.http().post('/api/v1/invitations').set(bearer(tokens)).send(body);
  const lookup = (token: string) => t.http().post('/api/v1/invitations/lookup').send({ token });
  const accept = (body: object) => t.http().post('/api/v1/invitations/accept').send(body);
  const list = (tokens: Tokens, query = '') => t.http().get(`/api/v1/invitations${query}`).set(bearer(tokens));

  /** The token of the newest invitation email to `email` whose token differs from `not`. */
  async function mailedToken(email: string, not?: string): Promise<string> {
    const text = await waitForMail(t, email, not ? new RegExp(`accept-invitation\\?token=(?!${not})`) : /accept-invitation\?token=/);
    return tokenFromMail(text.slice(text.indexOf('accept-invitation')));
  }

  it('invites by email, and the invitee looks it up and accepts with a new account', async () => {
    const owner = await signup(t, { name: 'Olivia', tenantName: 'Studio Nova' });
    const roles = await roleIds(t, owner.tokens);
    const email = uniqueEmail('invitee');

    const created = await invite(owner.tokens, { email: `  ${email.toUpperCase()} `, roleIds: [roles.mentor, roles.viewer] });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      email,
      roles: [expect.objectContaining({ id: roles.mentor, key: 'mentor', name: 'Mentor' }), expect.objectContaining({ id: roles.viewer, key: 'viewer' })],
      status: 'pending',
      expiresAt: expect.any(String),
      createdAt: expect.any(String),
      invitedBy: { id: owner.userId, name: 'Olivia', email: owner.email },
    });
    const hours = (Date.parse(created.body.expiresAt) - Date.parse(created.body.createdAt)) / 3_600_000;
    expect(hours).toBeCloseTo(48, 1);

    const mail = await waitForMail(t, email, /accept-invitation/);
    expect(mail).toMatch(/Olivia invited you to join Studio Nova/);
    expect(mail).toContain('http://localhost:3999/accept-invitation?token=');
    const token = tokenFromMail(mail.slice(mail.indexOf('accept-invitation')));
    const [stored] = await ownerQuery(t, `select token_hash from invitations where id = $1`, [created.body.id]);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.token_hash).not.toContain(token);

    expect((await lookup(token).expect(200)).body).toEqual({ email, tenantName: 'Studio Nova', userExists: false });

    expectProblem(await accept({ token, password: PASSWORD }), 400, 'validation-failed');
    expectProblem(await accept({ token, name: 'Ivy', password: 'short' }), 400, 'validation-failed');
    expectProblem(await accept({ token, name: 'Ivy', password: PASSWORD, role: 'owner' }), 400, 'validation-failed');

    const tokens: Tokens = (await accept({ token, name: 'Ivy', password: PASSWORD }).expect(200)).body;
    expect(tokens).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: expect.any(Number), tenantId: owner.tenantId });
    const me = (await t.http().get('/api/v1/auth/me').set(bearer(tokens)).expect(200)).body;
    expect(me.user).toMatchObject({ email, name: 'Ivy', emailVerified: true });
    expect(me.activeTenant).toMatchObject({ id: owner.tenantId, name: 'Studio Nova' });
    expect(me.memberships).toEqual([expect.objectContaining({ tenantId: owner.tenantId, active: true, roles: ['mentor', 'viewer'] })]);
    expect(me.permissions).toContain('members:read');
    expect(me.permissions).not.toContain('members:write');

    // single use
    expectProblem(await accept({ token, name: 'Ivy', password: PASSWORD }), 410, 'invitation-invalid');
    expectProblem(await lookup(token), 410, 'invitation-invalid');

    const accepted = (await list(owner.tokens, '?status=accepted').expect(200)).body.data;
    expect(accepted.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
    const [row] = await ownerQuery(t, `select accepted_at, accepted_by from invitations where id = $1`, [created.body.id]);
    expect(row.accepted_at).not.toBeNull();
    expect(row.accepted_by).toBe(me.user.id);
    expect(await auditActions(t, owner.tenantId, created.body.id)).toEqual(['invitation.created', 'invitation.accepted']);
    expect(await auditActions(t, owner.tenantId)).toEqual(expect.arrayContaining(['user.signed_up', 'auth.signed_in']));
  });

  it('lets an existing user accept with their password only', async () => {
    const owner = await signup(t, { tenantName: 'Inviting Co' });
    const existing = await signup(t, { name: 'Eve' });
    const roles = await roleIds(t, owner.tokens);
    await invite(owner.tokens, { email: existing.email, roleIds: [roles.admin] }).expect(201);
    const token = await mailedToken(existing.email);

    expect((await lookup(token).expect(200)).body).toEqual({ email: existing.email, tenantName: 'Inviting Co', userExists: true });
    expectProblem(await accept({ token, password: 'Wrong-password-9' }), 401, 'invalid-credentials');
    expectProblem(await accept({ token, name: 'Someone Else', password: 'Wrong-password-9' }), 401, 'invalid-credentials');
    // a failed attempt does not use up the invitation
    await lookup(token).expect(200);

    const tokens: Tokens = (await accept({ token, password: PASSWORD }).expect(200)).body;
    expect(tokens.tenantId).toBe(owner.tenantId);
    const me = (await t.http().get('/api/v1/auth/me').set(bearer(tokens)).expect(200)).body;
    expect(me.user).toMatchObject({ id: existing.userId, name: 'Eve' });
    expect(me.memberships.map((m: { tenantId: string; roles: string[] }) => [m.tenantId, m.roles])).toEqual(
      expect.arrayContaining([[existing.tenantId, ['owner']], [owner.tenantId, ['admin']]]),
    );
    await t.http().get('/api/v1/members').set(bearer(tokens)).expect(200);
    // their password did not change
    await t.http().post('/api/v1/auth/login').send({ email: existing.email, password: PASSWORD }).expect(200);
  });

  it('refuses current members, and only owners invite owners', async () => {
    const owner = await signup(t);
    const roles = await roleIds(t, owner.tokens);
    const admin = await addMember(t, owner, ['admin']);
    expectProblem(await invite(owner.tokens, { email: admin.email, roleIds: [roles.viewer] }), 409, 'already-member');
    expectProblem(await invite(owner.tokens, { email: owner.email.toUpperCase(), roleIds: [roles.viewer] }), 409, 'already-member');
    expectProblem(await invite(admin.tokens, { email: uniqueEmail('x'), roleIds: [roles.owner] }), 403, 'forbidden');
    await invite(owner.tokens, { email: uniqueEmail('co-owner'), roleIds: [roles.owner] }).expect(201);
    await invite(admin.tokens, { email: uniqueEmail('helper'), roleIds: [roles.support] }).expect(201);

    const viewer = await addMember(t, owner, ['viewer']);
    expectProblem(await invite(viewer.tokens, { email: uniqueEmail('x'), roleIds: [roles.viewer] }), 403, 'forbidden');
    await list(viewer.tokens).expect(200);

    expectProblem(await invite(owner.tokens, { email: 'not-an-email', roleIds: [roles.viewer] }), 400, 'validation-failed');
    expectProblem(await invite(owner.tokens, { email: uniqueEmail('x'), roleIds: [] }), 400, 'validation-failed');
    expectProblem(await invite(owner.tokens, { email: uniqueEmail('x'), roleIds: ['0194b000-0000-7000-8000-000000000000'] }), 400, 'validation-failed');
  });

  it('refuses an expired invitation with 410 and can send it again', async () => {
    const owner = await signup(t);
    const roles = await roleIds(t, owner.tokens);
    const email = uniqueEmail('late');
    const created = (await invite(owner.tokens, { email, roleIds: [roles.viewer] }).expect(201)).body;
    const token = await mailedToken(email);
    await ownerQuery(t, `update invitations set expires_at = now() - interval '1 minute' where id = $1`, [created.id]);

    expectProblem(await lookup(token), 410, 'invitation-expired');
    expectProblem(await accept({ token, name: 'Late', password: PASSWORD }), 410, 'invitation-expired');
    expect((await list(owner.tokens, '?status=expired').expect(200)).body.data.map((i: { id: string }) => i.id)).toEqual([created.id]);
    expect((await list(owner.tokens, '?status=pending').expect(200)).body.data).toEqual([]);
    expectProblem(await t.http().delete(`/api/v1/invitations/${created.id}`).set(bearer(owner.tokens)), 409, 'invitation-not-pending');

    const resent = (await t.http().post(`/api/v1/invitations/${created.id}/resend`).set(bearer(owner.tokens)).expect(200)).body;
    expect(resent.status).toBe('pending');
    expect(Date.parse(resent.expiresAt)).toBeGreaterThan(Date.now() + 47 * 3_600_000);
    const fresh = await mailedToken(email, token);
    expectProblem(await lookup(token), 404, 'not-found');
    await accept({ token: fresh, name: 'Late', password: PASSWORD }).expect(200);
  });

  it('revokes a pending invitation', async () => {
    const owner = await signup(t);
    const roles = await roleIds(t, owner.tokens);
    const email = uniqueEmail('revoked');
    const created = (await invite(owner.tokens, { email, roleIds: [roles.viewer] }).expect(201)).body;
    const token = await mailedToken(email);

    await t.http().delete(`/api/v1/invitations/${created.id}`).set(bearer(owner.tokens)).expect(204);
    expectProblem(await lookup(token), 410, 'invitation-invalid');
    expectProblem(await accept({ token, name: 'R', password: PASSWORD }), 410, 'invitation-invalid');
    expectProblem(await t.http().delete(`/api/v1/invitations/${created.id}`).set(bearer(owner.tokens)), 409, 'invitation-not-pending');
    expectProblem(await t.http().post(`/api/v1/invitations/${created.id}/resend`).set(bearer(owner.tokens)), 409, 'invitation-not-pending');
    expect((await list(owner.tokens, '?status=revoked').expect(200)).body.data.map((i: { id: string }) => i.id)).toEqual([created.id]);
    expect(await ownerQuery(t, `select 1 from users where email = $1`, [email])).toHaveLength(0);
    expect(await auditActions(t, owner.tenantId, created.id)).toEqual(['invitation.created', 'invitation.revoked']);
  });

  it('resends with a new link: the old one stops working', async () => {
    const owner = await signup(t);
    const roles = await roleIds(t, owner.tokens);
    const email = uniqueEmail('resend');
    const created = (await invite(owner.tokens, { email, roleIds: [roles.support] }).expect(201)).body;
    const first = await mailedToken(email);
    const [before] = await ownerQuery(t, `select token_hash from invitations where id = $1`, [created.id]);

    await t.http().post(`/api/v1/invitations/${created.id}/resend`).set(bearer(owner.tokens)).expect(200);
    expectProblem(await t.http().post(`/api/v1/invitations/${created.id}/resend`).set(bearer(owner.tokens)).send({ extra: 1 }), 400, 'validation-failed');
    const second = await mailedToken(email, first);
    expect(second).not.toBe(first);
    const [after] = await ownerQuery(t, `select token_hash from invitations where id = $1`, [created.id]);
    expect(after.token_hash).not.toBe(before.token_hash);

    expectProblem(await lookup(first), 404, 'not-found');
    expectProblem(await accept({ token: first, name: 'R', password: PASSWORD }), 404, 'not-found');
    const tokens = (await accept({ token: second, name: 'R', password: PASSWORD }).expect(200)).body;
    expect(tokens.tenantId).toBe(owner.tenantId);
    expectProblem(await t.http().post(`/api/v1/invitations/${created.id}/resend`).set(bearer(owner.tokens)), 409, 'invitation-not-pending');
    expect(await auditActions(t, owner.tenantId, created.id)).toEqual(['invitation.created', 'invitation.resent', 'invitation.accepted']);
  });

  it('keeps one live invitation per email: a new one revokes the previous', async () => {
    const owner = await signup(t);
    const roles = await roleIds(t, owner.tokens);
    const email = uniqueEmail('twice');
    const first = (await invite(owner.tokens, { email, roleIds: [roles.viewer] }).expect(201)).body;
    const firstToken = await invitationTokenSentTo(t, email);
    const second = (await invite(owner.tokens, { email, roleIds: [roles.admin] }).expect(201)).body;
    const secondToken = await invitationTokenSentTo(t, email);

    expectProblem(await lookup(firstToken), 410, 'invitation-invalid');
    const all = (await list(owner.tokens).expect(200)).body.data;
    expect(all.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[second.id, 'pending'], [first.id, 'revoked']]);
    const tokens = (await accept({ token: secondToken, name: 'Two', password: PASSWORD }).expect(200)).body;
    const me = (await t.http().get('/api/v1/auth/me').set(bearer(tokens)).expect(200)).body;
    expect(me.memberships[0].roles).toEqual(['admin']);
    expect(await auditActions(t, owner.tenantId, first.id)).toEqual(['invitation.created', 'invitation.revoked']);
  });

  it('lists invitations with status filter and cursor pages', async () => {
    const owner = await signup(t);
    const roles = await roleIds(t, owner.tokens);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.unshift((await invite(owner.tokens, { email: uniqueEmail(`page${i}`), roleIds: [roles.viewer] }).expect(201)).body.id);
    await t.http().delete(`/api/v1/invitations/${ids[0]}`).set(bearer(owner.tokens)).expect(204);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: Array<{ id: string }>; nextCursor: string | null } = (await list(owner.tokens, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200)).body;
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);

    const pending = (await list(owner.tokens, '?status=pending&limit=3').expect(200)).body;
    expect(pending.data.map((i: { id: string }) => i.id)).toEqual(ids.slice(1, 4));
    const rest = (await list(owner.tokens, `?status=pending&limit=3&cursor=${pending.nextCursor}`).expect(200)).body;
    expect(rest).toEqual({ data: [expect.objectContaining({ id: ids[4] })], nextCursor: null });

    expectProblem(await list(owner.tokens, '?status=bogus'), 400, 'validation-failed');
    expectProblem(await list(owner.tokens, '?cursor=%%%'), 400, 'validation-failed');
    expectProblem(await list(owner.tokens, '?limit=500'), 400, 'validation-failed');
  });

  it('accepts a token once even when two requests race', async () => {
    const owner = await signup(t);
    const roles = await roleIds(t, owner.tokens);
    const email = uniqueEmail('race');
    await invite(owner.tokens, { email, roleIds: [roles.viewer] }).expect(201);
    const token = await invitationTokenSentTo(t, email);
    const results = await Promise.all([1, 2, 3].map(() => accept({ token, name: 'Racer', password: PASSWORD })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 410, 410]);
    for (const res of results.filter((r) => r.status === 410)) expectProblem(res, 410, 'invitation-invalid');
    expect(await ownerQuery(t, `select 1 from users where email = $1`, [email])).toHaveLength(1);
  });

  it('brings a deactivated member back with exactly the invited roles', async () => {
    const owner = await signup(t);
    const roles = await roleIds(t, owner.tokens);
    const member = await addMember(t, owner, ['admin', 'mentor']);
    await t.http().patch(`/api/v1/members/${member.membershipId}`).set(bearer(owner.tokens)).send({ active: false }).expect(200);
    await invite(owner.tokens, { email: member.email, roleIds: [roles.viewer] }).expect(201);
    const token = await invitationTokenSentTo(t, member.email);
    expect((await lookup(token).expect(200)).body.userExists).toBe(true);
    const tokens = (await accept({ token, password: PASSWORD }).expect(200)).body;
    const me = (await t.http().get('/api/v1/auth/me').set(bearer(tokens)).expect(200)).body;
    expect(me.memberships).toEqual([expect.objectContaining({ tenantId: owner.tenantId, active: true, roles: ['viewer'] })]);
    const [row] = await ownerQuery(t, `select id from memberships where tenant_id = $1 and user_id = $2`, [owner.tenantId, member.userId]);
    expect(row.id).toBe(member.membershipId);
  });

  it('answers unknown and malformed tokens without a 500', async () => {
    expectProblem(await lookup('x'.repeat(43)), 404, 'not-found');
    expectProblem(await lookup('short'), 400, 'validation-failed');
    expectProblem(await t.http().post('/api/v1/invitations/lookup').send({}), 400, 'validation-failed');
    // The token travels in the body only: a URL carrying it would sit in request logs, proxies and history.
    expectProblem(await t.http().get(`/api/v1/invitations/lookup?token=${'x'.repeat(43)}`), 404);
    expectProblem(await accept({ token: 'y'.repeat(43), name: 'N', password: PASSWORD }), 404, 'not-found');
    expectProblem(await accept({ token: 'y'.repeat(43) }), 400, 'validation-failed');
    expectProblem(await t.http().get('/api/v1/invitations'), 401);
  });

  it('keeps tenants apart: another tenant\'s invitation cannot be revoked or resent', async () => {
    const a = await signup(t);
    const b = await signup(t);
    const bRoles = await roleIds(t, b.tokens);
    const email = uniqueEmail('b-invitee');
    const bInvitation = (await invite(b.tokens, { email, roleIds: [bRoles.viewer] }).expect(201)).body;
    const [before] = await ownerQuery(t, `select token_hash, expires_at, revoked_at from invitations where id = $1`, [bInvitation.id]);

    expect((await list(a.tokens).expect(200)).body.data).toEqual([]);
    expectProblem(await t.http().delete(`/api/v1/invitations/${bInvitation.id}`).set(bearer(a.tokens)), 404, 'not-found');
    expectProblem(await t.http().post(`/api/v1/invitations/${bInvitation.id}/resend`).set(bearer(a.tokens)), 404, 'not-found');
    // a role of tenant B cannot be used in tenant A's invitation
    expectProblem(await invite(a.tokens, { email: uniqueEmail('x'), roleIds: [bRoles.owner] }), 400, 'validation-failed');

    const [after] = await ownerQuery(t, `select token_hash, expires_at, revoked_at from invitations where id = $1`, [bInvitation.id]);
    expect(after).toEqual(before);
    expect(await auditActions(t, a.tenantId)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^invitation\./)]));
    expect(await auditActions(t, b.tenantId, bInvitation.id)).toEqual(['invitation.created']);
  });
});
