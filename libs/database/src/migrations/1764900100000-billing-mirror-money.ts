import { MigrationInterface, QueryRunner } from 'typeorm';
import { MIRROR_COLUMNS } from './1764800000000-billing-foundation';
import { enableTenantRowSecurity } from './tenant-row-security';

/**
 * The money half of the Stripe mirror: subscriptions (+ items), invoices (+ lines), payments (payment
 * intents, or a charge without one), refunds, disputes and Checkout sessions. Same identity and
 * order-safety columns as the first mirror tables (MIRROR_COLUMNS); amounts are bigint minor units with
 * an upper-case ISO currency. Child rows (items, lines) belong to their parent row and are replaced
 * whenever a newer state of the parent is applied.
 *
 * `invoice.upcoming` has no invoice id: it is recorded on the subscription (upcoming_invoice_*), with its
 * own time, so it never moves the subscription's stripe_updated_at.
 */
export class BillingMirrorMoney1764900100000 implements MigrationInterface {
  name = 'BillingMirrorMoney1764900100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table billing_subscriptions (${MIRROR_COLUMNS},
        customer text,
        status text not null default 'incomplete',
        currency text,
        cancel_at_period_end boolean not null default false,
        cancel_at timestamptz,
        canceled_at timestamptz,
        ended_at timestamptz,
        cancellation_reason text,
        current_period_start timestamptz,
        current_period_end timestamptz,
        trial_start timestamptz,
        trial_end timestamptz,
        paused boolean not null default false,
        latest_invoice text,
        default_payment_method text,
        trial_will_end_notified_at timestamptz,
        upcoming_invoice_amount bigint,
        upcoming_invoice_currency text,
        upcoming_invoice_at timestamptz,
        upcoming_invoice_notified_at timestamptz,
        constraint billing_subscriptions_stripe_key unique (tenant_id, stripe_account, stripe_id)
      );
      create index billing_subscriptions_tenant_status_idx on billing_subscriptions (tenant_id, status, created_at desc, id desc);
      create index billing_subscriptions_tenant_customer_idx on billing_subscriptions (tenant_id, stripe_account, customer);
      create index billing_subscriptions_tenant_created_idx on billing_subscriptions (tenant_id, created_at desc, id desc);

      create table billing_subscription_items (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        subscription_id uuid not null references billing_subscriptions (id) on delete cascade,
        stripe_id text not null,
        price text,
        product text,
        quantity integer,
        unit_amount bigint,
        currency text,
        recurring_interval text,
        recurring_interval_count integer,
        position integer not null,
        constraint billing_subscription_items_key unique (subscription_id, stripe_id)
      );
      create index billing_subscription_items_tenant_price_idx on billing_subscription_items (tenant_id, price);

      create table billing_invoices (${MIRROR_COLUMNS},
        customer text,
        subscription text,
        status text,
        number text,
        currency text not null default '',
        subtotal bigint,
        tax bigint,
        total bigint,
        amount_due bigint not null default 0,
        amount_paid bigint not null default 0,
        amount_remaining bigint not null default 0,
        attempt_count integer not null default 0,
        billing_reason text,
        collection_method text,
        payment_intent text,
        period_start timestamptz,
        period_end timestamptz,
        due_date timestamptz,
        next_payment_attempt timestamptz,
        finalized_at timestamptz,
        paid_at timestamptz,
        voided_at timestamptz,
        marked_uncollectible_at timestamptz,
        payment_action_required boolean not null default false,
        constraint billing_invoices_stripe_key unique (tenant_id, stripe_account, stripe_id)
      );
      create index billing_invoices_tenant_status_idx on billing_invoices (tenant_id, status, created_at desc, id desc);
      create index billing_invoices_tenant_customer_idx on billing_invoices (tenant_id, stripe_account, customer);
      create index billing_invoices_tenant_subscription_idx on billing_invoices (tenant_id, stripe_account, subscription);
      create index billing_invoices_tenant_created_idx on billing_invoices (tenant_id, created_at desc, id desc);

      create table billing_invoice_lines (
        id uuid primary key,
        tenant_id uuid not null references tenants (id) on delete cascade,
        invoice_id uuid not null references billing_invoices (id) on delete cascade,
        stripe_id text not null,
        description text,
        amount bigint not null,
        currency text not null,
        quantity integer,
        price text,
        product text,
        subscription text,
        period_start timestamptz,
        period_end timestamptz,
        proration boolean not null default false,
        position integer not null,
        constraint billing_invoice_lines_key unique (invoice_id, stripe_id)
      );
      create index billing_invoice_lines_tenant_price_idx on billing_invoice_lines (tenant_id, price);

      create table billing_payments (${MIRROR_COLUMNS},
        charge text,
        amount bigint not null default 0,
        amount_received bigint,
        amount_refunded bigint not null default 0,
        currency text not null default '',
        status text not null default 'requires_payment_method',
        customer text,
        invoice text,
        description text,
        payment_method text,
        card_brand text,
        card_last4 text,
        card_exp_month integer,
        card_exp_year integer,
        billing_country text,
        failure_code text,
        failure_message text,
        succeeded_at timestamptz,
        refunded boolean not null default false,
        constraint billing_payments_stripe_key unique (tenant_id, stripe_account, stripe_id)
      );
      create index billing_payments_tenant_status_idx on billing_payments (tenant_id, status, created_at desc, id desc);
      create index billing_payments_tenant_customer_idx on billing_payments (tenant_id, stripe_account, customer);
      create index billing_payments_tenant_created_idx on billing_payments (tenant_id, created_at desc, id desc);
      create index billing_payments_tenant_charge_idx on billing_payments (tenant_id, stripe_account, charge) where charge is not null;

      create table billing_refunds (${MIRROR_COLUMNS},
        charge text,
        payment_intent text,
        amount bigint not null default 0,
        currency text not null default '',
        status text,
        reason text,
        failure_reason text,
        constraint billing_refunds_stripe_key unique (tenant_id, stripe_account, stripe_id)
      );
      create index billing_refunds_tenant_status_idx on billing_refunds (tenant_id, status, created_at desc, id desc);
      create index billing_refunds_tenant_payment_idx on billing_refunds (tenant_id, stripe_account, payment_intent);
      create index billing_refunds_tenant_created_idx on billing_refunds (tenant_id, created_at desc, id desc);

      create table billing_disputes (${MIRROR_COLUMNS},
        charge text,
        payment_intent text,
        amount bigint not null default 0,
        currency text not null default '',
        status text,
        reason text,
        evidence_due_by timestamptz,
        closed_at timestamptz,
        constraint billing_disputes_stripe_key unique (tenant_id, stripe_account, stripe_id)
      );
      create index billing_disputes_tenant_status_idx on billing_disputes (tenant_id, status, created_at desc, id desc);
      create index billing_disputes_tenant_due_idx on billing_disputes (tenant_id, evidence_due_by) where status in ('needs_response', 'warning_needs_response');
      create index billing_disputes_tenant_created_idx on billing_disputes (tenant_id, created_at desc, id desc);

      create table billing_checkout_sessions (${MIRROR_COLUMNS},
        mode text,
        status text,
        payment_status text,
        customer text,
        customer_email text,
        amount_subtotal bigint,
        amount_total bigint,
        currency text,
        price text,
        quantity integer,
        line_items jsonb,
        subscription text,
        payment_intent text,
        invoice text,
        expires_at timestamptz,
        completed_at timestamptz,
        constraint billing_checkout_sessions_stripe_key unique (tenant_id, stripe_account, stripe_id)
      );
      create index billing_checkout_sessions_tenant_status_idx on billing_checkout_sessions (tenant_id, status, created_at desc, id desc);
      create index billing_checkout_sessions_tenant_customer_idx on billing_checkout_sessions (tenant_id, stripe_account, customer);
      create index billing_checkout_sessions_tenant_created_idx on billing_checkout_sessions (tenant_id, created_at desc, id desc);
      create index billing_checkout_sessions_tenant_price_idx on billing_checkout_sessions (tenant_id, price);
    `);
    for (const table of [
      'billing_subscriptions',
      'billing_subscription_items',
      'billing_invoices',
      'billing_invoice_lines',
      'billing_payments',
      'billing_refunds',
      'billing_disputes',
      'billing_checkout_sessions',
    ]) {
      await enableTenantRowSecurity(q, table);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      drop table if exists billing_checkout_sessions, billing_disputes, billing_refunds, billing_payments,
        billing_invoice_lines, billing_invoices, billing_subscription_items, billing_subscriptions;
    `);
  }
}
