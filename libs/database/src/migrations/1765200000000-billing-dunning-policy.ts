import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowSecurity } from './tenant-row-security';

/**
 * The dunning policy's own record on a mirrored subscription (Stripe knows nothing of it): when and why
 * the member's access was suspended, and the Stripe time of the newest invoice event the policy acted on
 * (an older failure arriving after a newer payment changes nothing). Plus what the daily billing emails
 * sent: one card-expiring reminder per subscription and card expiry, one staff digest per tenant and day.
 */
export class BillingDunningPolicy1765200000000 implements MigrationInterface {
  name = 'BillingDunningPolicy1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table billing_subscriptions
        add column access_suspended_at timestamptz,
        add column access_suspended_reason text,
        add column access_suspended_invoice text,
        add column access_policy_at timestamptz;
      create table billing_card_expiry_reminders (
        tenant_id uuid not null references tenants (id) on delete cascade,
        subscription_id uuid not null references billing_subscriptions (id) on delete cascade,
        card_exp_year integer not null,
        card_exp_month integer not null,
        email_id uuid,
        sent_at timestamptz not null default now(),
        primary key (tenant_id, subscription_id, card_exp_year, card_exp_month)
      );
      create table billing_staff_digests (
        tenant_id uuid not null references tenants (id) on delete cascade,
        day date not null,
        recipients integer not null default 0,
        sent_at timestamptz not null default now(),
        primary key (tenant_id, day)
      );
    `);
    await enableTenantRowSecurity(q, 'billing_card_expiry_reminders');
    await enableTenantRowSecurity(q, 'billing_staff_digests');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table if exists billing_staff_digests;
      drop table if exists billing_card_expiry_reminders;
      alter table billing_subscriptions drop column if exists access_suspended_at, drop column if exists access_suspended_reason,
        drop column if exists access_suspended_invoice, drop column if exists access_policy_at;
    `);
  }
}
