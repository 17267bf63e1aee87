import { Injectable } from '@nestjs/common';
import { containsPattern, cursorTimestampSql, iso, isoOrNull, NewestFirstQuery, Problems } from '@app/core';
import { Db } from '@app/database';
import { StripeGateway } from '../gateway/stripe-gateway';
import { SUB_MRR } from './subscription-mrr';
import type { BillingSubscriptionDto, BillingSubscriptionListDto, SubscriptionQueryDto, SubscriptionStatsDto } from './subscriptions.dto';

type Row = Record<string, any> & { id: string };

/** The card of the subscription's latest invoice paid (or tried) by card: brand, last 4, expiry. */
const PAYMENT_METHOD = `(select json_build_object('brand', p.card_brand, 'last4', p.card_last4, 'expMonth', p.card_exp_month, 'expYear', p.card_exp_year)
    from billing_invoices i join billing_payments p on p.tenant_id = i.tenant_id and p.stripe_account = i.stripe_account and p.stripe_id = i.payment_intent
   where i.tenant_id = s.tenant_id and i.stripe_account = s.stripe_account and i.subscription = s.stripe_id and p.card_last4 is not null
   order by i.created_at desc, i.id desc limit 1) as payment_method`;
/** The discounts subscription `s` lists now, as a JSON array with their coupons' terms. */
const DISCOUNTS = `(select coalesce(jsonb_agg(jsonb_build_object('stripeId', d.stripe_id, 'couponId', c.id, 'couponName', c.name, 'percentOff', c.percent_off, 'amountOff', c.amount_off,
    'currency', c.currency, 'duration', c.duration, 'start', d.start_at, 'end', d.end_at) order by d.start_at, d.stripe_id), '[]'::jsonb)
   from billing_subscription_discounts d left join billing_coupons c on c.tenant_id = d.tenant_id and c.stripe_account = d.stripe_account and c.stripe_id = d.coupon
  where d.tenant_id = s.tenant_id and s.discount_ids @> to_jsonb(d.stripe_id)) as discounts`;
const FROM = `from billing_subscriptions s left join billing_customers c on c.tenant_id = s.tenant_id and c.stripe_account = s.stripe_account and c.stripe_id = s.customer`;


function toSubscription(r: Row, items: Row[]): BillingSubscriptionDto {
  return {
    id: r.id,
    stripeId: r.stripe_id,
    status: r.status,
    currency: r.currency,
    customerId: r.customer_id ?? null,
    customerStripeId: r.customer ?? null,
    customerEmail: r.customer_email ?? null,
    customerName: r.customer_name ?? null,
    cancelAtPeriodEnd: r.cancel_at_period_end,
    currentPeriodEnd: isoOrNull(r.current_period_end),
    trialEnd: isoOrNull(r.trial_end),
    canceledAt: isoOrNull(r.canceled_at),
    paused: r.paused,
    mrr: Number(r.mrr),
    paymentMethod: r.payment_method ?? null,
    complimentary: r.metadata?.complimentary === 'true',
    latestInvoiceStripeId: r.latest_invoice ?? null,
    trialStart: isoOrNull(r.trial_start),
    currentPeriodStart: isoOrNull(r.current_period_start),
    cancelAt: isoOrNull(r.cancel_at),
    endedAt: isoOrNull(r.ended_at),
    cancellationReason: r.cancellation_reason ?? null,
    accessSuspendedAt: isoOrNull(r.access_suspended_at),
    accessSuspendedReason: r.access_suspended_reason ?? null,
    items: items.map((i) => ({
      stripeId: i.stripe_id, priceId: i.price, productId: i.product, productName: i.product_name ?? null, quantity: i.quantity, unitAmount: i.unit_amount === null ? null : Number(i.unit_amount),
      currency: i.currency, interval: i.recurring_interval, intervalCount: i.recurring_interval_count,
    })),
    discounts: ((r.discounts ?? []) as Row[]).map((d) => ({
      stripeId: d.stripeId, couponId: d.couponId ?? null, couponName: d.couponName ?? null, percentOff: d.percentOff ?? null, amountOff: d.amountOff ?? null,
      currency: d.currency ?? null, duration: d.duration ?? null, start: isoOrNull(d.start ?? null), end: isoOrNull(d.end ?? null),
    })),
    createdAt: iso(r.created_at),
  };
}

/** Staff's view of the tenant's subscriptions, as mirrored from Stripe. */
@Injectable()
export class BillingSubscriptionsService {
  constructor(private readonly db: Db, private readonly gateway: StripeGateway) {}

  /** The filter's conditions on `s` (subscription) and `c` (customer), with their parameters. */
  private filter(query: SubscriptionQueryDto, param: (value: unknown) => string): string[] {
    const where = [`s.tenant_id = ${param(this.db.tenantId())}`];
    const item = (cond: string) => where.push(`exists (select 1 from billing_subscription_items i where i.subscription_id = s.id and i.tenant_id = s.tenant_id and ${cond})`);
    if (query.status?.length) where.push(`s.status = any(${param(query.status)}::text[])`);
    if (query.priceId) item(`i.price = ${param(query.priceId)}`);
    if (query.productId) item(`i.product = ${param(query.productId)}`);
    if (query.interval) item(`i.recurring_interval = ${param(query.interval)}`);
    if (query.renewsFrom) where.push(`s.current_period_end >= ${param(query.renewsFrom)}::timestamptz`);
    if (query.renewsTo) where.push(`s.current_period_end < ${param(query.renewsTo)}::timestamptz`);
    if (query.cancelAtPeriodEnd !== undefined) where.push(`s.cancel_at_period_end = ${param(query.cancelAtPeriodEnd)}`);
    if (query.search) {
      const pattern = param(containsPattern(query.search));
      where.push(`(c.email ilike ${pattern} or c.name ilike ${pattern})`);
    }
    return where;
  }

  async list(query: SubscriptionQueryDto): Promise<BillingSubscriptionListDto> {
    this.gateway.assertConfigured();
    const list = new NewestFirstQuery('s');
    for (const w of this.filter(query, (v) => list.param(v))) list.where(w);
    const page = await list.page<Row & { cursor_at: string }>(
      `select s.*, c.id as customer_id, c.email as customer_email, c.name as customer_name, ${SUB_MRR} as mrr, ${DISCOUNTS}, ${PAYMENT_METHOD}, ${cursorTimestampSql('s.created_at')} as cursor_at ${FROM}`,
      query,
      (sql, params) => this.db.query(sql, params),
    );
    const items = await this.items(page.data.map((r) => r.id));
    return { nextCursor: page.nextCursor, data: page.data.map((r) => toSubscription(r, items.get(r.id) ?? [])), stats: await this.stats(query) };
  }

  async stats(query: SubscriptionQueryDto): Promise<SubscriptionStatsDto> {
    const params: unknown[] = [];
    const where = this.filter(query, (v) => `$${params.push(v)}`);
    const [counts] = (await this.db.query(
      `select count(*)::int as total, count(*) filter (where s.status = 'active')::int as active, count(*) filter (where s.status = 'trialing')::int as trialing,
              count(*) filter (where s.status = 'past_due')::int as past_due, count(*) filter (where s.status = 'canceled')::int as canceled ${FROM} where ${where.join(' and ')}`,
      params,
    )) as Array<Record<string, number>>;
    const mrr = (await this.db.query(
      `select s.currency, sum(${SUB_MRR})::bigint as amount ${FROM} where ${where.join(' and ')} and s.currency is not null group by s.currency having sum(${SUB_MRR}) > 0 order by s.currency`,
      params,
    )) as Row[];
    return {
      total: counts.total, active: counts.active, trialing: counts.trialing, pastDue: counts.past_due, canceled: counts.canceled,
      mrr: mrr.map((m: Row) => ({ currency: m.currency, amount: Number(m.amount) })),
    };
  }

  async get(id: string): Promise<BillingSubscriptionDto> {
    this.gateway.assertConfigured();
    const [row] = (await this.db.query(
      `select s.*, c.id as customer_id, c.email as customer_email, c.name as customer_name, ${SUB_MRR} as mrr, ${DISCOUNTS}, ${PAYMENT_METHOD} ${FROM} where s.tenant_id = $1 and s.id = $2`,
      [this.db.tenantId(), id],
    )) as Row[];
    if (!row) throw Problems.notFound('Subscription');
    return toSubscription(row, (await this.items([id])).get(id) ?? []);
  }

  private async items(ids: string[]): Promise<Map<string, Row[]>> {
    const byId = new Map<string, Row[]>();
    if (!ids.length) return byId;
    const rows = (await this.db.query(
      `select i.*, p.name as product_name from billing_subscription_items i
         left join billing_products p on p.tenant_id = i.tenant_id and p.stripe_id = i.product
        where i.tenant_id = $1 and i.subscription_id = any($2::uuid[]) order by i.position`,
      [this.db.tenantId(), ids],
    )) as Row[];
    for (const r of rows) byId.set(r.subscription_id, [...(byId.get(r.subscription_id) ?? []), r]);
    return byId;
  }
}
