import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowSecurity } from './tenant-row-security';

/**
 * What each member (or customer without a member, by email) was last told they may access: the
 * fingerprint of their entitlements, so `entitlements.changed` is sent only when they really change.
 * `subject` is `member:<membership id>` or `email:<lower-case email>`.
 */
export class BillingEntitlementStates1765100100000 implements MigrationInterface {
  name = 'BillingEntitlementStates1765100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table billing_entitlement_states (
        tenant_id uuid not null references tenants (id) on delete cascade,
        subject text not null,
        fingerprint text not null,
        updated_at timestamptz not null default now(),
        primary key (tenant_id, subject)
      );
    `);
    await enableTenantRowSecurity(q, 'billing_entitlement_states');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists billing_entitlement_states`);
  }
}
