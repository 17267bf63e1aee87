import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Billing catalog: a customer's link to the member it is (one customer per member), and a price's
 * predecessor (a price change in Stripe creates a new price replacing the old, archived one).
 */
export class BillingCatalog1764900000000 implements MigrationInterface {
  name = 'BillingCatalog1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table billing_customers add column membership_id uuid references memberships (id) on delete set null;
      create unique index billing_customers_membership_key on billing_customers (membership_id) where membership_id is not null and deleted_at is null;
      alter table billing_prices add column replaces_price text;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop index if exists billing_customers_membership_key;
      alter table billing_customers drop column if exists membership_id;
      alter table billing_prices drop column if exists replaces_price;
    `);
  }
}
