import { MigrationInterface, QueryRunner } from 'typeorm';

/** Finds a tenant's open invitations for an email (a new invitation revokes the previous one). */
export class InvitationsEmailIndex1763870000000 implements MigrationInterface {
  name = 'InvitationsEmailIndex1763870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create index invitations_tenant_email_open_idx on invitations (tenant_id, lower(email))
        where accepted_at is null and revoked_at is null;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index if exists invitations_tenant_email_open_idx`);
  }
}
