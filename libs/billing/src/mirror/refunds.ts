import type { EntityManager } from 'typeorm';
import { idOf } from '../events/stripe-event-handler';
import type { StripeObject } from '../gateway/stripe-event';
import { applyMirrorState, field, mirrorState, type MirrorChange } from './mirror-change';
import type { StateKind } from './mirror-upsert';

export interface RefundSnapshot {
  status: string | null;
}

/** billing_refunds' own columns for a Stripe refund (webhooks and the sync write and compare these). */
export function refundColumns(refund: StripeObject): Record<string, unknown> {
  const r = refund;
  return {
    charge: idOf(r.charge),
    payment_intent: idOf(r.payment_intent),
    amount: field.integer(r.amount) ?? 0,
    currency: field.currency(r.currency) ?? '',
    status: field.text(r.status),
    reason: field.text(r.reason),
    failure_reason: field.text(r.failure_reason),
  };
}

/** Mirrors a refund when `at`/`kind` is at least as new as the state held. */
export async function upsertRefund(
  manager: EntityManager,
  tenantId: string,
  account: string | null,
  refund: StripeObject,
  at: Date,
  kind: StateKind,
): Promise<MirrorChange<RefundSnapshot>> {
  return applyMirrorState<RefundSnapshot>(manager, 'billing_refunds', mirrorState(tenantId, account, refund, at, kind, refundColumns(refund)), ['m.status']);
}
