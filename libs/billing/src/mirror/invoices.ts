import type { EntityManager } from 'typeorm';
import { idOf } from '../events/stripe-event-handler';
import type { StripeObject } from '../gateway/stripe-event';
import { applyMirrorState, field, mirrorState, replaceChildRows, type MirrorChange } from './mirror-change';
import type { StateKind } from './mirror-upsert';

export interface InvoiceSnapshot {
  status: string | null;
  amount_paid: string;
}

/** The subscription an invoice bills (older API versions: `subscription`; newer: under `parent`). */
export function invoiceSubscription(invoice: StripeObject): string | null {
  return idOf(invoice.subscription) ?? idOf(field.object(field.object(invoice.parent)?.subscription_details)?.subscription);
}

function invoiceLines(invoice: StripeObject): Array<Record<string, unknown>> | null {
  const lines = field.list(invoice.lines);
  if (!lines) return null;
  return lines.map((line) => {
    const price = field.object(line.price) ?? field.object(field.object(line.pricing)?.price_details);
    const period = field.object(line.period);
    return {
      stripe_id: String(line.id),
      description: field.text(line.description),
      amount: field.integer(line.amount) ?? 0,
      currency: field.currency(line.currency) ?? field.currency(invoice.currency) ?? '',
      quantity: field.integer(line.quantity),
      price: idOf(line.price) ?? idOf(price?.price),
      product: idOf(price?.product),
      subscription: idOf(line.subscription),
      period_start: field.time(period?.start) ?? null,
      period_end: field.time(period?.end) ?? null,
      proration: line.proration === true,
    };
  });
}

/** billing_invoices' own columns for a Stripe invoice (webhooks and the sync write and compare these). */
export function invoiceColumns(invoice: StripeObject): Record<string, unknown> {
  const i = invoice;
  const transitions = field.object(i.status_transitions);
  return {
    customer: idOf(i.customer),
    subscription: invoiceSubscription(i),
    status: field.text(i.status),
    number: field.text(i.number),
    currency: field.currency(i.currency) ?? '',
    subtotal: field.integer(i.subtotal),
    tax: field.integer(i.tax),
    total: field.integer(i.total),
    amount_due: field.integer(i.amount_due) ?? 0,
    amount_paid: field.integer(i.amount_paid) ?? 0,
    amount_remaining: field.integer(i.amount_remaining) ?? 0,
    attempt_count: field.integer(i.attempt_count) ?? 0,
    billing_reason: field.text(i.billing_reason),
    collection_method: field.text(i.collection_method),
    payment_intent: idOf(i.payment_intent),
    period_start: field.time(i.period_start),
    period_end: field.time(i.period_end),
    due_date: field.time(i.due_date),
    next_payment_attempt: field.time(i.next_payment_attempt),
    finalized_at: field.time(transitions?.finalized_at),
    paid_at: field.time(transitions?.paid_at),
    voided_at: field.time(transitions?.voided_at),
    marked_uncollectible_at: field.time(transitions?.marked_uncollectible_at),
  };
}

/**
 * Mirrors an invoice (and replaces its lines) when `at`/`kind` is at least as new as the state held.
 * `extra`: further columns the caller knows from the event (payment_action_required).
 */
export async function upsertInvoice(
  manager: EntityManager,
  tenantId: string,
  account: string | null,
  invoice: StripeObject,
  at: Date,
  kind: StateKind,
  extra: Record<string, unknown> = {},
): Promise<MirrorChange<InvoiceSnapshot>> {
  const change = await applyMirrorState<InvoiceSnapshot>(
    manager,
    'billing_invoices',
    mirrorState(tenantId, account, invoice, at, kind, { ...invoiceColumns(invoice), ...extra }),
    ['m.status', 'm.amount_paid'],
  );
  const lines = invoiceLines(invoice);
  if (change.applied && change.rowId && lines) await replaceChildRows(manager, 'billing_invoice_lines', 'invoice_id', tenantId, change.rowId, lines);
  return change;
}
