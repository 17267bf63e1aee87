import { MigrationInterface, QueryRunner } from 'typeorm';
import { enableTenantRowSecurity } from './tenant-row-security';

/**
 * Staff's refund requests: our own record of a refund before and after Stripe makes it. A request holds
 * its amount while it is pending (in flight to Stripe) or pending_approval (above the tenant's threshold,
 * waiting for a second person), so two refunds of one payment at once can never together pass what is
 * left to refund: each is reserved under a lock of the payment's row. `operation_id` is the request's
 * operation (the client's Idempotency-Key scoped to tenant and route): a retry finds its request again
 * and sends Stripe the same Idempotency-Key.
 */
export class BillingRefundRequests1765100000000 implements MigrationInterface {
  name = 'BillingRefundRequests1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table billing_refund_requests (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        payment_id uuid not null references billing_payments (id) on delete cascade,
        operation_id text not null,
        amount bigint not null check (amount > 0),
        currency text not null,
        reason text not null check (reason in ('requested_by_customer', 'duplicate', 'fraudulent')),
        note text,
        status text not null check (status in ('pending_approval', 'pending', 'sent', 'failed', 'rejected')),
        requested_by uuid references users (id) on delete set null,
        approved_by uuid references users (id) on delete set null,
        rejected_by uuid references users (id) on delete set null,
        rejection_reason text,
        failure_reason text,
        stripe_refund_id text,
        decided_at timestamptz,
        sent_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint billing_refund_requests_operation_key unique (tenant_id, operation_id)
      );
      create index billing_refund_requests_tenant_payment_idx on billing_refund_requests (tenant_id, payment_id, status);
      create index billing_refund_requests_tenant_created_idx on billing_refund_requests (tenant_id, created_at desc, id desc);
      create index billing_refund_requests_tenant_status_idx on billing_refund_requests (tenant_id, status, created_at desc, id desc);
      create index billing_refund_requests_tenant_refund_idx on billing_refund_requests (tenant_id, stripe_refund_id) where stripe_refund_id is not null;
    `);
    await enableTenantRowSecurity(q, 'billing_refund_requests');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists billing_refund_requests;`);
  }
}
