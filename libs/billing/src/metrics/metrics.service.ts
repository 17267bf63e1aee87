import { Injectable } from '@nestjs/common';
import { Db } from '@app/database';
import { LOST_AT, RECOVERED_AT } from '../dunning/invoice-recovery';
import { StripeGateway } from '../gateway/stripe-gateway';
import { COUNTED_STATUSES_SQL, mirroredMrrSql, subscriptionMrrSql } from '../subscriptions/subscription-mrr';
import type { BillingMetricsDto, BillingMetricsMonthDto, BillingMetricsQueryDto } from './metrics.dto';
import { metricsRange } from './metrics-range';
import { currencyMetrics, rate, type SubscriptionState } from './subscription-movements';

const OBJECT = `e.payload->'data'->'object'`;
/** A subscription's MRR at boundary `b.at` from its event state `ev` (items and discount ids as the event carries them). */
const EVENT_MRR = subscriptionMrrSql({
  tenantId: '$1',
  itemsFrom: `jsonb_array_elements(case when jsonb_typeof(ev.items) = 'array' then ev.items else '[]' end) it`,
  item: {
    product: `coalesce(it->'price'->'product'->>'id', it->'price'->>'product')`,
    unitAmount: `(it->'price'->>'unit_amount')::numeric`, quantity: `(it->>'quantity')::numeric`,
    interval: `it->'price'->'recurring'->>'interval'`, intervalCount: `(it->'price'->'recurring'->>'interval_count')::int`,
  },
  discounts: 'ev.discounts',
  at: 'b.at',
  currency: 'ev.currency',
});
/**
 * The tenant's subscription events created up to the range's end ($2), only the fields the metrics
 * need (id, status, currency, customer, items, discount ids), each with its order among the
 * subscription's events (created, then arrival) and the creation time of the next one.
 */
const SUBSCRIPTION_EVENTS = `select ${OBJECT}->>'id' as sub, e.created, ${OBJECT}->>'status' as status, upper(${OBJECT}->>'currency') as currency, ${OBJECT}->>'customer' as customer,
         ${OBJECT}->'items'->'data' as items, ${OBJECT}->'discounts' as discounts,
         row_number() over ordered as seq, lead(e.created) over ordered as next_created
    from stripe_events e where e.tenant_id = $1 and e.type like 'customer.subscription.%' and e.created <= $2
  window ordered as (partition by ${OBJECT}->>'id' order by e.created, e.received_at, e.id)`;

/**
 * Every subscription's state at each boundary ($3, numbered k from 1): its latest event at or before the
 * boundary (the one created at or before it whose next event, if any, is created after it: one row per
 * subscription and boundary, nothing to sort), its MRR with the discounts in effect at the boundary; a
 * subscription without any event up to the range's end (imported) and created before the boundary takes
 * its current mirror state.
 */
const STATES = `with ev as (${SUBSCRIPTION_EVENTS})
  select b.k::int, ev.sub, ev.currency, ev.customer, ev.status in (${COUNTED_STATUSES_SQL}) as counted,
         (case when ev.status in (${COUNTED_STATUSES_SQL}) then ${EVENT_MRR} else 0 end)::bigint as mrr
    from unnest($3::timestamptz[]) with ordinality b(at, k) join ev on ev.created <= b.at and (ev.next_created is null or ev.next_created > b.at)
  union all
  select b.k::int, s.stripe_id, s.currency, s.customer, s.status in (${COUNTED_STATUSES_SQL}), ${mirroredMrrSql('b.at')}::bigint
    from unnest($3::timestamptz[]) with ordinality b(at, k) join billing_subscriptions s on s.tenant_id = $1 and coalesce(s.stripe_created_at, s.created_at) < b.at
   where s.currency is not null and not exists (select 1 from ev where ev.sub = s.stripe_id)`;

/** Trials that ended in the range [$3, $2): a trialing state followed by another status, counted in the month of that event. */
const TRIAL_ENDS = `with ev as (${SUBSCRIPTION_EVENTS})
  select to_char(x.created at time zone 'UTC', 'YYYY-MM') as month, count(*)::int as ended, count(*) filter (where x.status in (${COUNTED_STATUSES_SQL}))::int as converted
    from (select ev.*, lag(ev.status) over (partition by ev.sub order by ev.seq) as previous from ev) x
   where x.previous = 'trialing' and x.status in (${COUNTED_STATUSES_SQL}, 'canceled', 'incomplete_expired', 'unpaid', 'paused') and x.created >= $3 and x.created < $2
   group by 1`;

/** Invoices recovered and lost (as the failed-payments page counts them) per month of [$2, $3). */
const RECOVERY = `select month, count(*) filter (where kind = 'recovered')::int as recovered, count(*) filter (where kind = 'lost')::int as lost from (
    select to_char(${RECOVERED_AT} at time zone 'UTC', 'YYYY-MM') as month, 'recovered' as kind from billing_invoices i where i.tenant_id = $1 and ${RECOVERED_AT} >= $2 and ${RECOVERED_AT} < $3
    union all
    select to_char(${LOST_AT} at time zone 'UTC', 'YYYY-MM'), 'lost' from billing_invoices i where i.tenant_id = $1 and ${LOST_AT} >= $2 and ${LOST_AT} < $3
  ) x group by month`;

interface StateRow { k: number; sub: string; currency: string | null; customer: string | null; counted: boolean; mrr: string }

/** Staff's billing metrics per month (MRR and its movements, subscribers, churn, ARPU, LTV, trial conversion, payment recovery), per currency, from the mirror and the Stripe events. */
@Injectable()
export class BillingMetricsService {
  constructor(private readonly db: Db, private readonly gateway: StripeGateway) {}

  async metrics(query: BillingMetricsQueryDto): Promise<BillingMetricsDto> {
    this.gateway.assertConfigured();
    const { months, boundaries } = metricsRange(query);
    const tenantId = this.db.tenantId();
    const first = boundaries[0];
    const last = boundaries[boundaries.length - 1];
    // One after the other: the request's transaction has one connection.
    const stateRows = await this.db.query<StateRow>(STATES, [tenantId, last, boundaries]);
    const trialRows = await this.db.query<{ month: string; ended: number; converted: number }>(TRIAL_ENDS, [tenantId, last, first]);
    const recoveryRows = await this.db.query<{ month: string; recovered: number; lost: number }>(RECOVERY, [tenantId, first, last]);
    const states = boundaries.map(() => new Map<string, SubscriptionState>());
    const currencies = new Set<string>();
    for (const r of stateRows) {
      if (!r.currency) continue;
      const counted = r.counted === true;
      states[r.k - 1].set(r.sub, { currency: r.currency, customer: r.customer ?? r.sub, counted, mrr: counted ? Number(r.mrr) : 0 });
      if (counted) currencies.add(r.currency);
    }
    const sorted = [...currencies].sort();
    const trials = new Map(trialRows.map((r) => [r.month, r]));
    const recovery = new Map(recoveryRows.map((r) => [r.month, r]));
    return {
      from: months[0],
      to: months[months.length - 1],
      currencies: sorted,
      months: months.map((month, k): BillingMetricsMonthDto => {
        const trial = trials.get(month) ?? { ended: 0, converted: 0 };
        const invoices = recovery.get(month) ?? { recovered: 0, lost: 0 };
        return {
          month, start: boundaries[k].toISOString(), end: boundaries[k + 1].toISOString(),
          currencies: sorted.map((currency) => currencyMetrics(currency, states[k], states[k + 1])),
          trialsEnded: trial.ended, trialsConverted: trial.converted, trialConversionRate: rate(trial.converted, trial.ended),
          recoveredInvoices: invoices.recovered, lostInvoices: invoices.lost, failedPaymentRecoveryRate: rate(invoices.recovered, invoices.recovered + invoices.lost),
        };
      }),
    };
  }
}
