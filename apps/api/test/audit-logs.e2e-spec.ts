import { randomUUID } from 'node:crypto';
import { bearer, expectProblem, login, ownerQuery, signup, startTestApp, TestApp, Tokens } from './harness';
import { addMember } from './team.fixtures';

type Signup = Awaited<ReturnType<typeof signup>>;
type Log = { id: string; action: string; entityType: string; entityId: string | null; actorId: string | null; tenantId?: string | null; [key: string]: unknown };
type ListBody = { data: Log[]; nextCursor: string | null };

const HEADER = ['id', 'actorType', 'actorId', 'actorEmail', 'impersonatorId', 'impersonatorEmail', 'action', 'entityType', 'entityId', 'before', 'after', 'ip', 'userAgent', 'requestId', 'createdAt'];

/** A small RFC 4180 parser, to check the export round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

async function insertLog(t: TestApp, tenantId: string | null, fields: Partial<Record<'action' | 'entity_type' | 'entity_id' | 'actor_email' | 'user_agent' | 'created_at', string>> & { after?: unknown }) {
  const id = randomUUID();
  await ownerQuery(
    t,
    `insert into audit_logs (id, tenant_id, actor_type, actor_email, action, entity_type, entity_id, user_agent, after, created_at)
     values ($1, $2, 'system', $3, $4, $5, $6, $7, $8, coalesce($9::timestamptz, now()))`,
    [id, tenantId, fields.actor_email ?? null, fields.action ?? 'test.event', fields.entity_type ?? 'test', fields.entity_id ?? null, fields.user_agent ?? null,
      fields.after === undefined ? null : JSON.stringify(fields.after), fields.created_at ?? null],
  );
  return id;
}

describe('audit logs (e2e)', () => {
  let t: TestApp;
  let a: Signup;
  let b: Signup;
  beforeAll(async () => {
    t = await startTestApp();
    a = await signup(t);
    b = await signup(t);
  });
  afterAll(async () => t.close());

  const list = (token: Tokens | string, query = '') => t.http().get(`/api/v1/audit-logs${query}`).set(bearer(token));
  const exportCsv = (token: Tokens | string, query = '') => t.http().get(`/api/v1/audit-logs/export${query}`).set(bearer(token));
  const adminList = (token: Tokens | string, query = '') => t.http().get(`/api/v1/admin/audit-logs${query}`).set(bearer(token));
  const createRole = (owner: Signup, body: object) => t.http().post('/api/v1/roles').set(bearer(owner.tokens)).send(body).expect(201);

  it('shows the rows written by mutations, newest first, in the documented shape', async () => {
    const role = (await createRole(a, { name: 'Auditors', permissions: ['audit:read'] })).body;
    const body: ListBody = (await list(a.tokens).expect(200)).body;
    expect(body.nextCursor).toBeNull();
    expect(body.data[0]).toEqual({
      id: expect.any(String),
      actorType: 'user',
      actorId: a.userId,
      actorEmail: a.email,
      impersonatorId: null,
      impersonatorEmail: null,
      action: 'role.created',
      entityType: 'role',
      entityId: role.id,
      before: null,
      after: expect.objectContaining({ name: 'Auditors', permissions: ['audit:read'] }),
      ip: expect.any(String),
      userAgent: null,
      requestId: expect.any(String),
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(body.data.map((l) => l.action)).toEqual(expect.arrayContaining(['role.created', 'tenant.created', 'user.signed_up']));
  });

  it('filters by actor, exact action, action prefix, entity and dates; pages with a cursor', async () => {
    const owner = await signup(t);
    const roles = [];
    for (const name of ['R one', 'R two', 'R three']) roles.push((await createRole(owner, { name, permissions: ['members:read'] })).body);
    await t.http().patch(`/api/v1/roles/${roles[0].id}`).set(bearer(owner.tokens)).send({ name: 'R uno' }).expect(200);
    const old = await insertLog(t, owner.tenantId, { action: 'legacy.thing', created_at: '2020-01-15T12:00:00Z' });

    const actions = async (query: string) => ((await list(owner.tokens, query).expect(200)).body as ListBody).data.map((l) => l.action);
    expect(await actions('?action=role.created')).toEqual(['role.created', 'role.created', 'role.created']);
    expect(await actions('?action=role.*')).toEqual(['role.updated', 'role.created', 'role.created', 'role.created']);
    expect(await actions('?action=role.cre*')).toEqual(['role.created', 'role.created', 'role.created']);
    expect(await actions('?action=role')).toEqual([]);
    expect(await actions(`?entityType=role&entityId=${roles[0].id}`)).toEqual(['role.updated', 'role.created']);
    expect(await actions(`?actorId=${owner.userId}&action=role.*`)).toHaveLength(4);
    expect(await actions(`?actorId=${randomUUID()}`)).toEqual([]);
    expect(await actions('?from=2020-01-01&to=2020-01-31')).toEqual(['legacy.thing']);
    expect(await actions('?to=2020-01-15')).toEqual(['legacy.thing']);
    expect(await actions('?from=2020-01-15T12:00:00.001Z&action=legacy.*')).toEqual([]);
    expect(await actions('?from=2021-01-01&action=legacy.*')).toEqual([]);
    expect(old).toBeTruthy();

    const all: ListBody = (await list(owner.tokens).expect(200)).body;
    expect(all.data.length).toBeGreaterThan(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ListBody = (await list(owner.tokens, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`).expect(200)).body;
      seen.push(...page.data.map((l) => l.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(all.data.length / 2));
    expect(seen).toEqual(all.data.map((l) => l.id));
  });

  it('refuses bad filters with 400 problem+json', async () => {
    for (const query of ['?from=2024-02-01&to=2024-01-01', '?from=yesterday', '?to=2024-13-01', '?actorId=not-a-uuid', '?action=DROP TABLE', '?action=a*b',
      '?limit=0', '?limit=101', '?cursor=not-a-cursor', '?unknown=1']) {
      expectProblem(await list(a.tokens, query), 400, 'validation-failed');
    }
    expectProblem(await exportCsv(a.tokens, '?from=2024-02-01&to=2024-01-01'), 400, 'validation-failed');
    expectProblem(await exportCsv(a.tokens, '?actorId=x'), 400, 'validation-failed');
  });

  it('keeps tenants apart: A never sees B\'s rows (nor user-level rows without a tenant), even by filter', async () => {
    const bRole = (await createRole(b, { name: 'B secret', permissions: ['members:read'] })).body;
    await insertLog(t, null, { action: 'user.password_reset', entity_type: 'user', entity_id: a.userId });
    const ids = async (token: Tokens, query = '') => {
      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const page: ListBody = (await list(token, `?limit=100${query}${cursor ? `&cursor=${cursor}` : ''}`).expect(200)).body;
        all.push(...page.data.map((l) => l.id));
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    };
    const aRows = await ownerQuery(t, `select id from audit_logs where tenant_id = $1 order by created_at desc, id desc`, [a.tenantId]);
    expect(await ids(a.tokens)).toEqual(aRows.map((r) => r.id));
    expect(await ids(a.tokens, `&entityId=${bRole.id}`)).toEqual([]);
    expect(await ids(a.tokens, '&action=user.password_reset')).toEqual([]);
    expect((await exportCsv(a.tokens, `?entityId=${bRole.id}`).expect(200)).text).toBe(`${HEADER.map((h) => `"${h}"`).join(',')}\r\n`);
  });

  it('needs audit:read: a viewer and a custom role with it may read, a role without it gets 403', async () => {
    const viewer = await addMember(t, a, ['viewer'], 'Vera Viewer');
    const mentor = await addMember(t, a, ['mentor'], 'Mo Mentor');
    await list(viewer.tokens).expect(200);
    await exportCsv(viewer.tokens).expect(200);
    expectProblem(await list(mentor.tokens), 403, 'forbidden');
    expectProblem(await exportCsv(mentor.tokens), 403, 'forbidden');
    expectProblem(await adminList(viewer.tokens), 403);
    expectProblem(await list('not-a-token'), 401);
  });

  it('exports CSV with a header, every row, JSON before/after, and escapes commas, quotes and formulas', async () => {
    const owner = await signup(t);
    await createRole(owner, { name: 'Say "hi", then =leave', description: '+1 for commas, "quotes"', permissions: ['members:read'] });
    await insertLog(t, owner.tenantId, { action: 'test.csv', entity_id: '=HYPERLINK("http://evil")', actor_email: '@evil,"x"', user_agent: '-2+3', after: { note: 'line1\nline2' } });
    await insertLog(t, owner.tenantId, { action: 'test.csv-separator', user_agent: 'Mozilla/5.0;=1+2|@x' });

    const res = await exportCsv(owner.tokens).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parseCsv(res.text);
    expect(rows[0]).toEqual(HEADER);
    const listed: ListBody = (await list(owner.tokens, '?limit=100').expect(200)).body;
    expect(rows.slice(1).map((r) => r[0])).toEqual(listed.data.map((l) => l.id));
    expect(rows.every((r) => r.length === HEADER.length)).toBe(true);

    const col = (row: string[], name: string) => row[HEADER.indexOf(name)];
    const injected = rows.find((r) => col(r, 'action') === 'test.csv')!;
    expect(col(injected, 'entityId')).toBe('\'=HYPERLINK("http://evil")');
    expect(col(injected, 'actorEmail')).toBe('\'@evil,"x"');
    expect(col(injected, 'userAgent')).toBe('\'-2+3');
    expect(JSON.parse(col(injected, 'after'))).toEqual({ note: 'line1\nline2' });
    expect(res.text).toContain('"\'=HYPERLINK(""http://evil"")"');
    // Every cell is quoted, and a formula after a separator a spreadsheet may split on is neutralised too.
    expect(col(rows.find((r) => col(r, 'action') === 'test.csv-separator')!, 'userAgent')).toBe("Mozilla/5.0;'=1+2|'@x");
    expect(res.text.split('\r\n')[0]).toBe(HEADER.map((h) => `"${h}"`).join(','));

    const created = rows.find((r) => col(r, 'action') === 'role.created')!;
    expect(col(created, 'before')).toBe('');
    expect(JSON.parse(col(created, 'after'))).toEqual(expect.objectContaining({ name: 'Say "hi", then =leave', description: '+1 for commas, "quotes"' }));
    expect(col(created, 'actorId')).toBe(owner.userId);

    const filtered = parseCsv((await exportCsv(owner.tokens, '?action=role.*').expect(200)).text);
    expect(filtered.slice(1).map((r) => col(r, 'action'))).toEqual(['role.created']);
  });

  it('exports more than one batch of 1000 rows in order', async () => {
    const owner = await signup(t);
    await ownerQuery(
      t,
      `insert into audit_logs (id, tenant_id, actor_type, action, entity_type, entity_id, created_at)
       select gen_random_uuid(), $1, 'system', 'bulk.event', 'test', g::text, now() - g * interval '1 second' from generate_series(1, 2100) g`,
      [owner.tenantId],
    );
    const rows = parseCsv((await exportCsv(owner.tokens, '?action=bulk.event').expect(200)).text);
    expect(rows).toHaveLength(2101);
    expect(rows.slice(1).map((r) => Number(r[HEADER.indexOf('entityId')]))).toEqual(Array.from({ length: 2100 }, (_, i) => i + 1));
  });

  it('platform staff read every tenant\'s log with platform.audit:read; tenant owners cannot', async () => {
    const staff = await signup(t, { name: 'support' });
    await ownerQuery(t, `update users set platform_role = 'support' where id = $1`, [staff.userId]);
    const staffToken = (await login(t, staff.email)).accessToken;
    const aRole = (await createRole(a, { name: 'A admin view', permissions: ['members:read'] })).body;
    const bRole = (await createRole(b, { name: 'B admin view', permissions: ['members:read'] })).body;
    const orphan = await insertLog(t, null, { action: 'user.password_reset', entity_type: 'user', entity_id: b.userId });

    const body: ListBody = (await adminList(staffToken, '?action=role.created&limit=100').expect(200)).body;
    const byEntity = new Map(body.data.map((l) => [l.entityId, l]));
    expect(byEntity.get(aRole.id)?.tenantId).toBe(a.tenantId);
    expect(byEntity.get(bRole.id)?.tenantId).toBe(b.tenantId);

    const onlyB: ListBody = (await adminList(staffToken, `?tenantId=${b.tenantId}&action=role.*&limit=100`).expect(200)).body;
    expect(onlyB.data.length).toBeGreaterThan(0);
    expect(onlyB.data.every((l) => l.tenantId === b.tenantId)).toBe(true);
    expect(onlyB.data.map((l) => l.entityId)).toContain(bRole.id);
    expect(((await adminList(staffToken, `?entityId=${b.userId}&action=user.password_reset`).expect(200)).body as ListBody).data.map((l) => l.id)).toEqual([orphan]);

    const page: ListBody = (await adminList(staffToken, '?limit=1').expect(200)).body;
    expect(page.nextCursor).toEqual(expect.any(String));
    const next: ListBody = (await adminList(staffToken, `?limit=1&cursor=${page.nextCursor}`).expect(200)).body;
    expect(next.data[0].id).not.toBe(page.data[0].id);

    expectProblem(await adminList(staffToken, '?tenantId=nope'), 400, 'validation-failed');
    expectProblem(await adminList(staffToken, '?from=2024-02-01&to=2024-01-01'), 400, 'validation-failed');
    expectProblem(await adminList(a.tokens), 403);
    await ownerQuery(t, `update users set platform_role = null where id = $1`, [staff.userId]);
    expectProblem(await adminList(staffToken), 403);
  });

  it('never shows login session ids to the tenant (list and CSV); platform staff still see them', async () => {
    const owner = await signup(t);
    const staff = await signup(t);
    await ownerQuery(t, `update users set platform_role = 'super_admin' where id = $1`, [staff.userId]);
    const session = await login(t, owner.email);
    await t.http().post('/api/v1/auth/switch-tenant').set(bearer(session)).send({ tenantId: owner.tenantId }).expect(200);
    const imp = await t.http().post(`/api/v1/admin/tenants/${owner.tenantId}/impersonate`).set(bearer(staff.tokens)).send({}).expect(200);
    await t.http().post('/api/v1/auth/logout').set(bearer(imp.body.accessToken)).send({}).expect(204);
    const ids = (await ownerQuery(t, `select id from auth_sessions where user_id = $1`, [owner.userId])).map((r) => r.id as string);
    const written = await ownerQuery(t, `select action from audit_logs where tenant_id = $1 and (entity_id = any($2) or after::text ~ any($2))`, [owner.tenantId, ids]);
    expect(written.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.signed_in', 'auth.tenant_switched', 'tenant.impersonation_started', 'auth.signed_out']));
    const listed = (await list(owner.tokens, '?limit=100').expect(200)).body as ListBody;
    expect(listed.data.map((l) => l.action)).toEqual(expect.arrayContaining(['auth.signed_in', 'tenant.impersonation_started']));
    const csv = (await exportCsv(owner.tokens).expect(200)).text;
    for (const id of ids) {
      expect(JSON.stringify(listed)).not.toContain(id);
      expect(csv).not.toContain(id);
    }
    expect(listed.data.find((l) => l.action === 'tenant.impersonation_started')?.after).toMatchObject({ targetUserId: owner.userId });
    expect(listed.data.filter((l) => l.entityType === 'auth_session').every((l) => l.entityId === null)).toBe(true);
    const staffView = JSON.stringify((await adminList(staff.tokens, `?tenantId=${owner.tenantId}&limit=100`).expect(200)).body);
    expect(ids.some((id) => staffView.includes(id))).toBe(true);
  });
});
