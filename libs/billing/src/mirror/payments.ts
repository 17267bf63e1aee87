import type { EntityManager } from 'typeorm';
import { idOf } from '../events/stripe-event-handler';
import type { StripeObject } from '../gateway/stripe-event';
import { applyMirrorState, field, mirrorState, type MirrorChange } from './mirror-change';
import type { StateKind } from './mirror-upsert';

export interface PaymentSnapshot {
  status: string;
  amount_refunded: string;
}

const TRACKED = ['m.status', 'm.amount_refunded'];

/** Card brand/last4/expiry and billing country of a charge or payment method (whichever is expanded). */
function paymentMethodSummary(charge: Record<string, unknown> | null, method: Record<string, unknown> | null): Record<string, unknown> {
  const card = field.object(field.object(charge?.payment_method_details)?.card) ?? field.object(method?.card);
  const billing = field.object(charge?.billing_details) ?? field.object(method?.billing_details);
  const country = field.text(field.object(billing?.address)?.country) ?? field.text(card?.country);
  if (!card && !country) return {};
  return {
    card_brand: field.text(card?.brand),
    card_last4: field.text(card?.last4),
    card_exp_month: field.integer(card?.exp_month),
    card_exp_year: field.integer(card?.exp_year),
    billing_country: country,
  };
}

/**
 * billing_payments' own columns for a payment intent (webhooks and the sync write and compare these).
 * Its latest charge, when expanded, gives the card summary and the refunded amount.
 */
export function paymentIntentColumns(paymentIntent: StripeObject): Record<string, unknown> {
  const p = paymentIntent;
  const charge = field.object(p.latest_charge);
  const error = field.object(p.last_payment_error);
  return {
    charge: idOf(p.latest_charge),
    amount: field.integer(p.amount) ?? 0,
    amount_received: field.integer(p.amount_received),
    ...(charge ? { amount_refunded: field.integer(charge.amount_refunded) ?? 0, refunded: charge.refunded === true } : {}),
    currency: field.currency(p.currency) ?? '',
    status: field.text(p.status) ?? 'requires_payment_method',
    customer: idOf(p.customer),
    invoice: idOf(p.invoice),
    description: field.text(p.description),
    payment_method: idOf(p.payment_method),
    ...paymentMethodSummary(charge, field.object(p.payment_method) ?? field.object(error?.payment_method)),
    failure_code: error ? (field.text(error.decline_code) ?? field.text(error.code)) : null,
    failure_message: error ? field.text(error.message) : null,
  };
}

/**
 * Mirrors a payment intent as a payment row (see paymentIntentColumns: expand or re-fetch its latest
 * charge). `extra`: further columns the caller knows from the event (succeeded_at).
 */
export async function upsertPaymentIntent(
  manager: EntityManager,
  tenantId: string,
  account: string | null,
  paymentIntent: StripeObject,
  at: Date,
  kind: StateKind,
  extra: Record<string, unknown> = {},
): Promise<MirrorChange<PaymentSnapshot>> {
  return applyMirrorState<PaymentSnapshot>(manager, 'billing_payments', mirrorState(tenantId, account, paymentIntent, at, kind, { ...paymentIntentColumns(paymentIntent), ...extra }), TRACKED);
}

/**
 * billing_payments' own columns for a charge: a charge's own statuses for a charge-only row (a charge
 * made without an intent); on an intent's row only "it succeeded" is implied.
 */
export function chargeColumns(charge: StripeObject): Record<string, unknown> {
  const c = charge;
  const succeeded = c.status === 'succeeded' || (c.paid === true && c.captured !== false);
  return {
    charge: c.id,
    amount: field.integer(c.amount) ?? 0,
    amount_refunded: field.integer(c.amount_refunded) ?? 0,
    // What the charge captured is what its intent received (the intent's own event may come later, or be stale).
    ...(idOf(c.payment_intent) && succeeded && field.integer(c.amount_captured) !== null ? { amount_received: field.integer(c.amount_captured) } : {}),
    refunded: c.refunded === true,
    currency: field.currency(c.currency) ?? '',
    status: idOf(c.payment_intent) ? (succeeded ? 'succeeded' : undefined) : (field.text(c.status) ?? 'pending'),
    customer: idOf(c.customer),
    invoice: idOf(c.invoice),
    description: field.text(c.description),
    payment_method: idOf(c.payment_method),
    ...paymentMethodSummary(c, null),
    failure_code: field.text(c.failure_code),
    failure_message: field.text(c.failure_message),
  };
}

/**
 * Mirrors a charge onto its payment row: the payment intent's row when the charge has one (refunded
 * amount, card summary, charge id), else a row of the charge itself (a charge made without an intent).
 */
export async function upsertCharge(
  manager: EntityManager,
  tenantId: string,
  account: string | null,
  charge: StripeObject,
  at: Date,
  kind: StateKind,
): Promise<MirrorChange<PaymentSnapshot>> {
  const paymentIntent = idOf(charge.payment_intent);
  const state = mirrorState(tenantId, account, charge, at, kind, chargeColumns(charge));
  if (paymentIntent) {
    state.stripeId = paymentIntent;
    state.stripeCreatedAt = null; // the intent's own creation time comes with its own events
  }
  return applyMirrorState<PaymentSnapshot>(manager, 'billing_payments', state, TRACKED);
}
