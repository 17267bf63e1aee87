import type { WebhookEventsService } from '@app/webhooks';
import type { StripeObject } from '../gateway/stripe-event';
import { field, type MirrorChange } from '../mirror/mirror-change';
import type { PaymentSnapshot } from '../mirror/payments';
import type { RefundSnapshot } from '../mirror/refunds';
import { subscriptionItems, subscriptionItemsKey, type SubscriptionSnapshot } from '../mirror/subscriptions';
import { idOf } from './stripe-event-handler';

/*
 * The tenant's outgoing webhooks for billing: one domain event per real change of the mirror, i.e. only
 * when the state applied is strictly newer than the one held (a duplicate, a replay or an older event
 * changes nothing and says nothing). Payloads carry Stripe ids and amounts in minor units, never URLs.
 */

const iso = (value: unknown) => field.time(value) ?? null;

function subscriptionPayload(s: StripeObject) {
  return {
    id: s.id,
    customer: idOf(s.customer),
    status: field.text(s.status),
    currency: field.currency(s.currency),
    items: (subscriptionItems(s) ?? []).map((i) => ({ id: i.stripe_id, price: i.price, product: i.product, quantity: i.quantity, unitAmount: i.unit_amount, currency: i.currency })),
    cancelAtPeriodEnd: s.cancel_at_period_end === true,
    currentPeriodEnd: iso(s.current_period_end ?? field.list(s.items)?.[0]?.current_period_end),
    trialEnd: iso(s.trial_end),
  };
}

/**
 * States a subscription has only once it started. The first one we hold is its start, whatever it is: a
 * subscription whose creation event never came (or came after a newer one) and that we first see past due
 * or paused did start, and says so once; it is not left without a `subscription.started`.
 */
const STARTED = new Set(['active', 'trialing', 'past_due', 'unpaid', 'paused']);

/** subscription.started / changed / canceled, from a subscription's state just applied. */
export async function publishSubscriptionChange(webhooks: WebhookEventsService, change: MirrorChange<SubscriptionSnapshot>, s: StripeObject, ended: boolean): Promise<void> {
  if (!change.newer) return;
  const previous = change.previous;
  const status = field.text(s.status) ?? 'incomplete';
  if (ended || status === 'canceled') {
    if (previous?.status !== 'canceled') {
      await webhooks.publish('subscription.canceled', {
        ...subscriptionPayload(s),
        canceledAt: iso(s.canceled_at),
        endedAt: iso(s.ended_at),
        cancellationReason: field.text(field.object(s.cancellation_details)?.reason),
      });
    }
    return;
  }
  if (STARTED.has(status) && (!previous || previous.status === 'incomplete')) {
    await webhooks.publish('subscription.started', subscriptionPayload(s));
    return;
  }
  if (!previous) return;
  const paused = status === 'paused' || field.object(s.pause_collection) !== null;
  const itemsKey = subscriptionItemsKey(s);
  const changed =
    previous.status !== status ||
    previous.cancel_at_period_end !== (s.cancel_at_period_end === true) ||
    previous.paused !== paused ||
    (itemsKey !== null && previous.items_key !== itemsKey);
  if (changed) {
    await webhooks.publish('subscription.changed', {
      ...subscriptionPayload(s),
      paused,
      previous: { status: previous.status, cancelAtPeriodEnd: previous.cancel_at_period_end, paused: previous.paused },
    });
  }
}

function paymentPayload(p: StripeObject) {
  return {
    id: p.id,
    charge: idOf(p.latest_charge),
    customer: idOf(p.customer),
    invoice: idOf(p.invoice),
    amount: field.integer(p.amount) ?? 0,
    amountReceived: field.integer(p.amount_received) ?? 0,
    currency: field.currency(p.currency),
  };
}

/** payment.succeeded when a payment intent first succeeds; payment.failed on each new failed attempt. */
export async function publishPaymentChange(webhooks: WebhookEventsService, change: MirrorChange<PaymentSnapshot>, p: StripeObject, failed: boolean): Promise<void> {
  if (!change.newer) return;
  if (failed) {
    const error = field.object(p.last_payment_error);
    await webhooks.publish('payment.failed', {
      ...paymentPayload(p),
      failureCode: error ? (field.text(error.decline_code) ?? field.text(error.code)) : null,
      failureMessage: error ? field.text(error.message) : null,
    });
    return;
  }
  if (p.status === 'succeeded' && change.previous?.status !== 'succeeded') await webhooks.publish('payment.succeeded', paymentPayload(p));
}

/** refund.issued when a refund first reaches succeeded. */
export async function publishRefundChange(webhooks: WebhookEventsService, change: MirrorChange<RefundSnapshot>, r: StripeObject): Promise<void> {
  if (!change.newer || r.status !== 'succeeded' || change.previous?.status === 'succeeded') return;
  await webhooks.publish('refund.issued', {
    id: r.id,
    charge: idOf(r.charge),
    paymentIntent: idOf(r.payment_intent),
    amount: field.integer(r.amount) ?? 0,
    currency: field.currency(r.currency),
    reason: field.text(r.reason),
  });
}
