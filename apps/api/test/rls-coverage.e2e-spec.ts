import { Client } from 'pg';
import { bearer, ownerQuery, signup, startTestApp, TestApp, uniqueEmail } from './harness';
import { roleIds } from './team.fixtures';

/** Every table with a tenant_id column is covered by row-level security, for a role that cannot bypass it. */
describe('row-level security coverage (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  async function runtimeQuery<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  it('has RLS on and a policy for every table with a tenant_id column', async () => {
    const tables = await ownerQuery<{ table: string; rls: boolean; policies: number }>(
      t,
      `select c.relname as table, c.relrowsecurity as rls, (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
        where c.relkind in ('r', 'p')
          and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
        order by c.relname`,
    );
    expect(tables.map((r) => r.table)).toEqual(expect.arrayContaining(['auth_sessions', 'idempotency_keys', 'invitations', 'outbox']));
    expect(tables.filter((r) => !r.rls || r.policies === 0).map((r) => r.table)).toEqual([]);
  });

  it('connects as a runtime role that owns no table, is no superuser and has no BYPASSRLS', async () => {
    const [role] = await runtimeQuery(`select current_user as name, rolsuper, rolbypassrls from pg_roles where rolname = current_user`);
    expect(role).toMatchObject({ rolsuper: false, rolbypassrls: false });
    const owned = await runtimeQuery(`select c.relname from pg_class c where c.relowner = (select oid from pg_roles where rolname = current_user) and c.relnamespace = 'public'::regnamespace`);
    expect(owned).toEqual([]);
  });

  it('shows sessions, outbox rows and idempotency keys to no one without a tenant or user', async () => {
    const owner = await signup(t);
    const viewer = (await roleIds(t, owner.tokens)).viewer;
    await t.http().post('/api/v1/invitations').set(bearer(owner.tokens)).set('Idempotency-Key', `rls-${owner.userId}`).send({ email: uniqueEmail('rls'), roleIds: [viewer] }).expect(201);
    for (const table of ['auth_sessions', 'outbox', 'idempotency_keys']) {
      const [owned] = await ownerQuery(t, `select count(*)::int as n from ${table} where tenant_id = $1`, [owner.tenantId]);
      expect(owned.n).toBeGreaterThan(0);
      expect(await runtimeQuery(`select 1 from ${table}`)).toEqual([]);
    }
  });
});
