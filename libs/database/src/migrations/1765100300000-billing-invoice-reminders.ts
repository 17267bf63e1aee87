import { MigrationInterface, QueryRunner } from 'typeorm';

/** Our own record on a mirrored invoice: the payment reminders staff sent for it (Stripe knows nothing of them). */
export class BillingInvoiceReminders1765100300000 implements MigrationInterface {
  name = 'BillingInvoiceReminders1765100300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table billing_invoices add column reminders_sent integer not null default 0, add column last_reminder_at timestamptz;
      create index billing_invoices_tenant_failed_idx on billing_invoices (tenant_id, created_at desc, id desc) where status = 'open' and attempt_count > 0;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index if exists billing_invoices_tenant_failed_idx; alter table billing_invoices drop column if exists reminders_sent, drop column if exists last_reminder_at;`);
  }
}
