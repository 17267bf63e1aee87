import type { EntityManager } from 'typeorm';
import { idOf } from '../events/stripe-event-handler';
import type { StripeObject } from '../gateway/stripe-event';
import { applyMirrorState, field, mirrorState, type MirrorChange } from './mirror-change';
import type { StateKind } from './mirror-upsert';

export interface CheckoutSessionSnapshot {
  status: string | null;
  payment_status: string | null;
}

/** A session's line items as the mirror keeps them (ids and amounts only). */
function lineSummary(lines: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return lines.map((line) => {
    const price = field.object(line.price);
    return {
      price: idOf(line.price),
      product: idOf(price?.product),
      quantity: field.integer(line.quantity),
      amountTotal: field.integer(line.amount_total),
      currency: field.currency(line.currency),
      description: field.text(line.description),
    };
  });
}

/**
 * Mirrors a Checkout session. Its line items (`line_items`, only present when expanded: the caller
 * re-fetches them and puts them there) give the price summary; without them the summary held is kept.
 * `extra`: further columns the caller knows from the event (completed_at).
 */
export async function upsertCheckoutSession(
  manager: EntityManager,
  tenantId: string,
  account: string | null,
  session: StripeObject,
  at: Date,
  kind: StateKind,
  extra: Record<string, unknown> = {},
): Promise<MirrorChange<CheckoutSessionSnapshot>> {
  const s = session;
  const lines = field.list(s.line_items);
  const summary = lines ? lineSummary(lines) : null;
  return applyMirrorState<CheckoutSessionSnapshot>(
    manager,
    'billing_checkout_sessions',
    mirrorState(tenantId, account, s, at, kind, {
      mode: field.text(s.mode),
      status: field.text(s.status),
      payment_status: field.text(s.payment_status),
      customer: idOf(s.customer),
      customer_email: field.text(field.object(s.customer_details)?.email) ?? field.text(s.customer_email),
      amount_subtotal: field.integer(s.amount_subtotal),
      amount_total: field.integer(s.amount_total),
      currency: field.currency(s.currency),
      ...(summary
        ? { price: (summary[0]?.price as string | null | undefined) ?? null, quantity: (summary[0]?.quantity as number | null | undefined) ?? null, line_items: JSON.stringify(summary) }
        : {}),
      subscription: idOf(s.subscription),
      payment_intent: idOf(s.payment_intent),
      invoice: idOf(s.invoice),
      expires_at: field.time(s.expires_at),
      ...extra,
    }),
    ['m.status', 'm.payment_status'],
  );
}
