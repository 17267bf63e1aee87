import { Injectable } from '@nestjs/common';
import { cursorTimestampSql, iso, NewestFirstQuery, type PageQueryDto, Problems } from '@app/core';
import { Db } from '@app/database';
import { StripeGateway } from '../gateway/stripe-gateway';
import type { TimelineDto } from './timeline.dto';

type Row = Record<string, any> & { id: string; cursor_at: string };

/**
 * Everything that happened to one customer's money, newest first, from the mirror and the audit log:
 * payments, refunds, invoices, disputes, subscriptions starting and ending, and staff actions on their
 * subscriptions and balance. $1 tenant, $2 customer (our id), $3 subscription (our id) or null for all.
 */
const ENTRIES = `
  with c as (select id, stripe_id, stripe_account from billing_customers where tenant_id = $1 and id = $2),
  subs as (
    select s.* from billing_subscriptions s join c on s.stripe_account = c.stripe_account and s.customer = c.stripe_id
     where s.tenant_id = $1 and ($3::uuid is null or s.id = $3::uuid)
  ),
  invoices as (
    select i.*, (select subs.id from subs where subs.stripe_id = i.subscription) as subscription_id
      from billing_invoices i join c on i.stripe_account = c.stripe_account and i.customer = c.stripe_id
     where i.tenant_id = $1 and ($3::uuid is null or i.subscription in (select stripe_id from subs))
  ),
  payments as (
    select p.*, (select inv.subscription_id from invoices inv where inv.stripe_id = p.invoice) as subscription_id
      from billing_payments p join c on p.stripe_account = c.stripe_account and p.customer = c.stripe_id
     where p.tenant_id = $1 and ($3::uuid is null or p.invoice in (select stripe_id from invoices))
  )
  select p.id, 'payment' as kind, coalesce(p.succeeded_at, p.stripe_created_at, p.created_at) as at, p.stripe_id, p.status, p.amount, p.currency, p.description as detail, null as actor_email, p.subscription_id from payments p
  union all
  select r.id, 'refund', coalesce(r.stripe_created_at, r.created_at), r.stripe_id, r.status, r.amount, r.currency, r.reason, null, p.subscription_id
    from billing_refunds r join payments p on p.stripe_account = r.stripe_account and (p.stripe_id = r.payment_intent or (r.payment_intent is null and p.charge = r.charge))
   where r.tenant_id = $1
  union all
  select d.id, 'dispute', coalesce(d.stripe_created_at, d.created_at), d.stripe_id, d.status, d.amount, d.currency, d.reason, null, p.subscription_id
    from billing_disputes d join payments p on p.stripe_account = d.stripe_account and (p.stripe_id = d.payment_intent or (d.charge is not null and p.charge = d.charge))
   where d.tenant_id = $1
  union all
  select i.id, 'invoice', coalesce(i.finalized_at, i.stripe_created_at, i.created_at), i.stripe_id, i.status, i.total, i.currency, i.number, null, i.subscription_id from invoices i
  union all
  select s.id, 'subscription_started', coalesce(s.stripe_created_at, s.created_at), s.stripe_id, s.status, null, s.currency, null, null, s.id from subs s
  union all
  select s.id, 'subscription_ended', coalesce(s.ended_at, s.canceled_at), s.stripe_id, s.status, null, s.currency, s.cancellation_reason, null, s.id from subs s
   where s.status = 'canceled' and coalesce(s.ended_at, s.canceled_at) is not null
  union all
  select a.id, 'staff_action', a.created_at, null, null, (case when a.after->>'amount' ~ '^-?[0-9]{1,15}$' then (a.after->>'amount')::bigint end), a.after->>'currency', a.action, a.actor_email,
         (case when a.entity_type = 'billing_subscription' then a.entity_id::uuid end)
    from audit_logs a
   where a.tenant_id = $1
     and ((a.entity_type = 'billing_subscription' and a.entity_id in (select id::text from subs))
       or ($3::uuid is null and a.entity_type = 'billing_customer' and a.entity_id = $2::text and a.action = 'customer.balance_adjusted'))`;

/** A customer's (or one of their subscriptions') money history, in one list. */
@Injectable()
export class BillingTimelineService {
  constructor(private readonly db: Db, private readonly gateway: StripeGateway) {}

  async forCustomer(customerId: string, query: PageQueryDto): Promise<TimelineDto> {
    return this.page(customerId, null, query);
  }

  async forSubscription(subscriptionId: string, query: PageQueryDto): Promise<TimelineDto> {
    this.gateway.assertConfigured();
    const [row] = await this.db.query<{ customer_id: string | null }>(
      `select c.id as customer_id from billing_subscriptions s
         left join billing_customers c on c.tenant_id = s.tenant_id and c.stripe_account = s.stripe_account and c.stripe_id = s.customer
        where s.tenant_id = $1 and s.id = $2`,
      [this.db.tenantId(), subscriptionId],
    );
    if (!row) throw Problems.notFound('Subscription');
    if (!row.customer_id) return { data: [], nextCursor: null };
    return this.page(row.customer_id, subscriptionId, query);
  }

  private async page(customerId: string, subscriptionId: string | null, query: PageQueryDto): Promise<TimelineDto> {
    this.gateway.assertConfigured();
    const tenantId = this.db.tenantId();
    if (!subscriptionId) {
      const [customer] = await this.db.query(`select 1 from billing_customers where tenant_id = $1 and id = $2`, [tenantId, customerId]);
      if (!customer) throw Problems.notFound('Customer');
    }
    const list = new NewestFirstQuery('t', 'at');
    list.param(tenantId);
    list.param(customerId);
    list.param(subscriptionId);
    const page = await list.page<Row>(
      `select t.*, ${cursorTimestampSql('t.at')} as cursor_at from (${ENTRIES}) t`,
      query,
      (sql, params) => this.db.query(sql, params),
    );
    return {
      nextCursor: page.nextCursor,
      data: page.data.map((r) => ({
        id: r.id,
        kind: r.kind,
        at: iso(r.at),
        stripeId: r.stripe_id ?? null,
        status: r.status ?? null,
        amount: r.amount === null || r.amount === undefined ? null : Number(r.amount),
        currency: r.currency ?? null,
        detail: r.detail ?? null,
        actorEmail: r.actor_email ?? null,
        subscriptionId: r.subscription_id ?? null,
      })),
    };
  }
}
