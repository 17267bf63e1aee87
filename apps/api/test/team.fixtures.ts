import { bearer, ownerQuery, PASSWORD, TestApp, Tokens, tokenSentTo, uniqueEmail } from './harness';

export interface Owner {
  email: string;
  userId: string;
  tenantId: string;
  tokens: Tokens;
}

export interface Member {
  email: string;
  name: string;
  userId: string;
  membershipId: string;
  tokens: Tokens;
}

/** Role ids of a tenant by key (owner, admin, viewer, mentor...). */
export async function roleIds(t: TestApp, tokens: Tokens): Promise<Record<string, string>> {
  const res = await t.http().get('/api/v1/roles').set(bearer(tokens)).expect(200);
  return Object.fromEntries(res.body.data.map((r: { key: string; id: string }) => [r.key, r.id]));
}

/** The raw token of the newest invitation email queued for `email` (no worker needed). */
export async function invitationTokenSentTo(t: TestApp, email: string): Promise<string> {
  return tokenSentTo(t, email, 'invitation');
}

/** Invites a new person with the given roles and accepts as them; returns their membership and tokens. */
export async function addMember(t: TestApp, owner: Owner, roleKeys: string[], name = 'Member'): Promise<Member> {
  const ids = await roleIds(t, owner.tokens);
  const email = uniqueEmail('member');
  await t.http().post('/api/v1/invitations').set(bearer(owner.tokens)).send({ email, roleIds: roleKeys.map((k) => ids[k]) }).expect(201);
  const token = await invitationTokenSentTo(t, email);
  const accepted = await t.http().post('/api/v1/invitations/accept').send({ token, name, password: PASSWORD }).expect(200);
  const [row] = await ownerQuery(t, `select m.id, m.user_id from memberships m join users u on u.id = m.user_id where m.tenant_id = $1 and u.email = $2`, [owner.tenantId, email]);
  return { email, name, userId: row.user_id, membershipId: row.id, tokens: accepted.body };
}

export async function auditActions(t: TestApp, tenantId: string, entityId?: string): Promise<string[]> {
  const rows = entityId
    ? await ownerQuery(t, `select action from audit_logs where tenant_id = $1 and entity_id = $2 order by created_at, id`, [tenantId, entityId])
    : await ownerQuery(t, `select action from audit_logs where tenant_id = $1 order by created_at, id`, [tenantId]);
  return rows.map((r) => r.action);
}
