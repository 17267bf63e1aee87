import type { QueryRunner } from 'typeorm';
import { SYSTEM_ROLES } from '@app/rbac';
import { SystemRolePermissions1765200700000 } from '../../../libs/database/src/migrations/1765200700000-system-role-permissions';
import { ownerQuery, signup, startTestApp, TestApp } from './harness';

describe('system roles of businesses created before a permission existed (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('the migration gives an old support role the read permissions it lacks, keeps what it had, and touches nothing else', async () => {
    const old = await signup(t);
    const current = await signup(t);
    // As seeded before billing, entitlements and pay links existed.
    await ownerQuery(t, `update roles set permissions = $2 where tenant_id = $1 and key = 'support'`, [old.tenantId, ['tenant:read', 'members:read', 'audit:read']]);
    const before = await ownerQuery(t, `select tenant_id, key, permissions, updated_at from roles where tenant_id = any($1) and key <> 'support' order by tenant_id, key`, [[old.tenantId, current.tenantId]]);
    const [currentSupportBefore] = await ownerQuery(t, `select permissions, updated_at from roles where tenant_id = $1 and key = 'support'`, [current.tenantId]);

    const runner = { query: (sql: string, params?: unknown[]) => ownerQuery(t, sql, params) } as unknown as QueryRunner;
    await new SystemRolePermissions1765200700000().up(runner);
    await new SystemRolePermissions1765200700000().up(runner);

    const catalog = SYSTEM_ROLES.find((r) => r.key === 'support')!.permissions;
    const [oldSupport] = await ownerQuery(t, `select permissions from roles where tenant_id = $1 and key = 'support'`, [old.tenantId]);
    expect(oldSupport.permissions.slice(0, 3)).toEqual(['tenant:read', 'members:read', 'audit:read']);
    expect([...oldSupport.permissions].sort()).toEqual([...catalog].sort());
    expect(oldSupport.permissions).toContain('paylinks:read');
    // A business already on the catalog, and every other role, are left as they were.
    expect(await ownerQuery(t, `select permissions, updated_at from roles where tenant_id = $1 and key = 'support'`, [current.tenantId])).toEqual([currentSupportBefore]);
    expect(await ownerQuery(t, `select tenant_id, key, permissions, updated_at from roles where tenant_id = any($1) and key <> 'support' order by tenant_id, key`, [[old.tenantId, current.tenantId]])).toEqual(before);
  });
});
