import { MigrationInterface, QueryRunner } from 'typeorm';

/** The billing metrics read a tenant's subscription events up to a time: one index for exactly that. */
export class StripeSubscriptionEventsIndex1765100410000 implements MigrationInterface {
  name = 'StripeSubscriptionEventsIndex1765100410000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create index stripe_events_tenant_subscription_idx on stripe_events (tenant_id, created) where type like 'customer.subscription.%'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index if exists stripe_events_tenant_subscription_idx`);
  }
}
