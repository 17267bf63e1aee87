import { iso, isoOrNull } from '@app/core';
import type { PaymentDto, PaymentRefundDto, PersonDto } from './payments.dto';

export type Row = Record<string, any> & { id: string };

/**
 * Refund requests still holding part of a payment: in flight to Stripe (pending) or waiting for a second
 * person (pending_approval); and what we sent, in case the mirror has not counted it yet, less refunds
 * Stripe could not make after all (failed or canceled: their amount is refundable again).
 */
const HELD = `left join lateral (
    select coalesce(sum(r.amount) filter (where r.status in ('pending', 'pending_approval')), 0) as held,
           coalesce(sum(r.amount) filter (where r.status = 'sent' and not exists (
             select 1 from billing_refunds rf where rf.tenant_id = r.tenant_id and rf.stripe_id = r.stripe_refund_id and rf.status in ('failed', 'canceled'))), 0) as sent
      from billing_refund_requests r where r.tenant_id = p.tenant_id and r.payment_id = p.id) q on true`;

/**
 * What is left to refund of a payment, in minor units: only a succeeded payment, what it received less
 * what is refunded (Stripe's count, or our sent refunds when more) less what refund requests hold.
 */
export const REFUNDABLE = `(case when p.status = 'succeeded'
    then greatest(0, coalesce(p.amount_received, p.amount) - greatest(p.amount_refunded, q.sent) - q.held) else 0 end)`;

/** A payment with its customer, its invoice and the refund requests holding part of it. */
export const PAYMENT_FROM = `from billing_payments p
  left join billing_customers c on c.tenant_id = p.tenant_id and c.stripe_account = p.stripe_account and c.stripe_id = p.customer
  left join billing_invoices i on i.tenant_id = p.tenant_id and i.stripe_account = p.stripe_account and i.stripe_id = p.invoice
  ${HELD}`;

export const PAYMENT_COLUMNS = `p.*, c.id as customer_id, c.email as customer_email, c.name as customer_name, i.id as invoice_id,
  i.period_start as invoice_period_start, i.period_end as invoice_period_end, ${REFUNDABLE} as refundable`;

const amount = (value: unknown) => (value === null || value === undefined ? null : Number(value));

export function toPayment(r: Row): PaymentDto {
  const hasCard = r.card_brand !== null || r.card_last4 !== null;
  return {
    id: r.id,
    stripeId: r.stripe_id,
    amount: Number(r.amount),
    amountReceived: amount(r.amount_received),
    amountRefunded: Number(r.amount_refunded),
    refundable: Number(r.refundable),
    currency: r.currency,
    status: r.status,
    customer: r.customer_id ? { id: r.customer_id, email: r.customer_email ?? null, name: r.customer_name ?? null } : null,
    invoiceId: r.invoice_id ?? null,
    invoiceStripeId: r.invoice ?? null,
    description: r.description ?? null,
    card: hasCard ? { brand: r.card_brand, last4: r.card_last4, expMonth: r.card_exp_month, expYear: r.card_exp_year } : null,
    failureCode: r.failure_code ?? null,
    failureMessage: r.failure_message ?? null,
    succeededAt: isoOrNull(r.succeeded_at),
    createdAt: iso(r.created_at),
  };
}

/** A user named on a refund (requested, approved, rejected), from `<prefix>_id`, `<prefix>_email`, `<prefix>_name`. */
export function toPerson(r: Row, prefix: string): PersonDto | null {
  return r[`${prefix}_id`] ? { id: r[`${prefix}_id`], email: r[`${prefix}_email`] ?? null, name: r[`${prefix}_name`] ?? null } : null;
}

/** Joins of a refund request's people (requested_by, approved_by, rejected_by) on `rr`. */
export const REQUEST_PEOPLE = `left join users ru on ru.id = rr.requested_by
  left join users au on au.id = rr.approved_by
  left join users xu on xu.id = rr.rejected_by`;
export const REQUEST_PEOPLE_COLUMNS = `ru.id as requested_id, ru.email as requested_email, ru.name as requested_name,
  au.id as approved_id, au.email as approved_email, au.name as approved_name, xu.id as rejected_id, xu.email as rejected_email, xu.name as rejected_name`;

/** A payment's refunds (Stripe's, as mirrored) with what our request adds: its note and who asked. */
export const REFUND_SELECT = `select rf.*, rr.id as request_id, rr.note, ${REQUEST_PEOPLE_COLUMNS}
  from billing_refunds rf
  left join billing_refund_requests rr on rr.tenant_id = rf.tenant_id and rr.stripe_refund_id = rf.stripe_id
  ${REQUEST_PEOPLE}`;

export function toRefund(r: Row): PaymentRefundDto {
  return {
    id: r.id,
    stripeId: r.stripe_id,
    amount: Number(r.amount),
    currency: r.currency,
    status: r.status ?? null,
    reason: r.reason ?? null,
    failureReason: r.failure_reason ?? null,
    createdAt: iso(r.created_at),
    note: r.note ?? null,
    requestId: r.request_id ?? null,
    requestedBy: toPerson(r, 'requested'),
  };
}
