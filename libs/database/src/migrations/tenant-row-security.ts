import type { QueryRunner } from 'typeorm';

export interface TenantPolicyOptions {
  /** Further rows visible (OR'ed), e.g. a user's own rows in every tenant. */
  using?: string;
  /** Further rows that may be written (OR'ed), e.g. `tenant_id is null` for platform rows. */
  check?: string;
}

/**
 * Turns on row-level security for a tenant-owned table with the one tenant policy every such table
 * has: rows of the transaction's tenant (`app.tenant_id`), or all rows on the explicit cross-tenant
 * path (`app.cross_tenant`), plus the extra clauses a table needs.
 */
export async function enableTenantRowSecurity(q: QueryRunner, table: string, options: TenantPolicyOptions = {}): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`Not a table name: ${table}`);
  const using = ['tenant_id = app_current_tenant()', 'app_cross_tenant()', ...(options.using ? [options.using] : [])].join(' or ');
  const check = ['tenant_id = app_current_tenant()', 'app_cross_tenant()', ...(options.check ? [options.check] : [])].join(' or ');
  await q.query(`
    alter table ${table} enable row level security;
    create policy ${table}_tenant on ${table} using (${using}) with check (${check});
  `);
}
