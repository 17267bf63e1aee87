import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * System roles cannot be edited by a business, so they must follow the permission catalog: the support
 * role of a business created before billing, entitlements and pay links existed lacks their read
 * permissions (new businesses get them from SYSTEM_ROLES). Adds what is missing and removes nothing.
 */
export class SystemRolePermissions1765200700000 implements MigrationInterface {
  name = 'SystemRolePermissions1765200700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `update roles
          set permissions = permissions || array(select p from unnest($1::text[]) p where p <> all (permissions)),
              updated_at = now()
        where is_system and key = 'support' and not ($1::text[] <@ permissions)`,
      [['tenant:read', 'members:read', 'invitations:read', 'roles:read', 'audit:read', 'webhooks:read', 'email_templates:read', 'features:read', 'usage:read', 'integrations:read', 'billing:read', 'entitlements:read', 'paylinks:read']],
    );
  }

  async down(): Promise<void> {
    // Additive: the permissions stay (a system role matches the catalog of the code that runs).
  }
}
