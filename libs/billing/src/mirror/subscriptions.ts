import type { EntityManager } from 'typeorm';
import { idOf } from '../events/stripe-event-handler';
import type { StripeObject } from '../gateway/stripe-event';
import { applyMirrorState, field, mirrorState, replaceChildRows, type MirrorChange } from './mirror-change';
import type { StateKind } from './mirror-upsert';
import { discountIds, expandedDiscounts, upsertSubscriptionDiscount } from './subscription-discounts';

/** What a subscription's domain events compare: its status, renewal, pause and items (price × quantity). */
export interface SubscriptionSnapshot {
  status: string;
  cancel_at_period_end: boolean;
  paused: boolean;
  items_key: string | null;
}

const TRACKED = [
  'm.status',
  'm.cancel_at_period_end',
  'm.paused',
  `(select string_agg(coalesce(i.price, '') || 'x' || coalesce(i.quantity, 0), ',' order by i.position) from billing_subscription_items i where i.subscription_id = m.id) as items_key`,
];

/** A subscription's items as the mirror keeps them. */
export function subscriptionItems(subscription: StripeObject): Array<Record<string, unknown>> | null {
  const items = field.list(subscription.items);
  if (!items) return null;
  return items.map((item) => {
    const price = field.object(item.price);
    const recurring = field.object(price?.recurring);
    return {
      stripe_id: String(item.id),
      price: idOf(item.price),
      product: idOf(price?.product),
      quantity: field.integer(item.quantity),
      unit_amount: field.integer(price?.unit_amount),
      currency: field.currency(price?.currency),
      recurring_interval: field.text(recurring?.interval),
      recurring_interval_count: field.integer(recurring?.interval_count),
    };
  });
}

/** The items' comparison key, as TRACKED computes it from the stored rows. */
export function subscriptionItemsKey(subscription: StripeObject): string | null {
  const items = subscriptionItems(subscription);
  return items?.length ? items.map((i) => `${i.price ?? ''}x${i.quantity ?? 0}`).join(',') : null;
}

/** billing_subscriptions' own columns for a Stripe subscription (webhooks and the sync write and compare these). */
export function subscriptionColumns(subscription: StripeObject): Record<string, unknown> {
  const s = subscription;
  const firstItem = field.list(s.items)?.[0];
  // Newer API versions carry the billing period on the items only.
  const periodStart = s.current_period_start ?? firstItem?.current_period_start;
  const periodEnd = s.current_period_end ?? firstItem?.current_period_end;
  const status = field.text(s.status) ?? 'incomplete';
  return {
    customer: idOf(s.customer),
    status,
    currency: field.currency(s.currency),
    cancel_at_period_end: s.cancel_at_period_end === true,
    cancel_at: field.time(s.cancel_at),
    canceled_at: field.time(s.canceled_at),
    ended_at: field.time(s.ended_at),
    cancellation_reason: field.text(field.object(s.cancellation_details)?.reason),
    current_period_start: field.time(periodStart),
    current_period_end: field.time(periodEnd),
    trial_start: field.time(s.trial_start),
    trial_end: field.time(s.trial_end),
    paused: status === 'paused' || field.object(s.pause_collection) !== null,
    latest_invoice: idOf(s.latest_invoice),
    default_payment_method: idOf(s.default_payment_method),
    discount_ids: ((ids) => (ids === undefined ? undefined : JSON.stringify(ids)))(discountIds(s)),
  };
}

/**
 * Mirrors a subscription (and replaces its items) when `at`/`kind` is at least as new as the state held.
 * `kind` 'deleted' (customer.subscription.deleted: the subscription ended) also sets deleted_at.
 * `extra`: further columns of this table the caller knows from the event (e.g. trial_will_end_notified_at).
 */
export async function upsertSubscription(
  manager: EntityManager,
  tenantId: string,
  account: string | null,
  subscription: StripeObject,
  at: Date,
  kind: StateKind,
  extra: Record<string, unknown> = {},
): Promise<MirrorChange<SubscriptionSnapshot>> {
  const items = subscriptionItems(subscription);
  const change = await applyMirrorState<SubscriptionSnapshot>(
    manager,
    'billing_subscriptions',
    mirrorState(tenantId, account, subscription, at, kind, { ...subscriptionColumns(subscription), ...extra }),
    TRACKED,
  );
  if (change.applied && change.rowId && items) await replaceChildRows(manager, 'billing_subscription_items', 'subscription_id', tenantId, change.rowId, items);
  const livemode = subscription.livemode === true;
  for (const discount of expandedDiscounts(subscription)) await upsertSubscriptionDiscount(manager, { tenantId, account, livemode, at, kind: 'updated' }, discount);
  return change;
}

/**
 * Records an `invoice.upcoming` notice on its subscription (the upcoming invoice has no id, so it is no
 * invoice row): amount, currency and when it will be attempted. Its own time decides, so a late older
 * notice changes nothing and the subscription's own state time does not move. Returns whether a
 * subscription row took it (false: the subscription is not mirrored yet).
 */
export async function recordUpcomingInvoice(manager: EntityManager, tenantId: string, account: string | null, invoice: StripeObject, at: Date): Promise<boolean> {
  const subscriptionId = idOf(invoice.subscription) ?? idOf(field.object(field.object(invoice.parent)?.subscription_details)?.subscription);
  if (!subscriptionId) return false;
  const attemptAt = field.time(invoice.next_payment_attempt) ?? field.time(invoice.period_end) ?? null;
  const [noted] = await manager.query(
    `with noted as (
       update billing_subscriptions
        set upcoming_invoice_amount = $4, upcoming_invoice_currency = $5, upcoming_invoice_at = $6, upcoming_invoice_notified_at = $7, updated_at = now()
      where tenant_id = $1 and stripe_account = $2 and stripe_id = $3 and (upcoming_invoice_notified_at is null or upcoming_invoice_notified_at <= $7)
      returning id)
     select count(*)::int as n from noted`,
    [tenantId, account ?? '', subscriptionId, field.integer(invoice.amount_due) ?? 0, field.currency(invoice.currency), attemptAt, at.toISOString()],
  );
  return noted.n > 0;
}
