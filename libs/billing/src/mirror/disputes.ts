import type { EntityManager } from 'typeorm';
import { idOf } from '../events/stripe-event-handler';
import type { StripeObject } from '../gateway/stripe-event';
import { applyMirrorState, field, mirrorState, type MirrorChange } from './mirror-change';
import type { StateKind } from './mirror-upsert';

export interface DisputeSnapshot {
  status: string | null;
}

/** billing_disputes' own columns for a Stripe dispute (webhooks and the sync write and compare these). */
export function disputeColumns(dispute: StripeObject): Record<string, unknown> {
  const d = dispute;
  return {
    charge: idOf(d.charge),
    payment_intent: idOf(d.payment_intent),
    amount: field.integer(d.amount) ?? 0,
    currency: field.currency(d.currency) ?? '',
    status: field.text(d.status),
    reason: field.text(d.reason),
    evidence_due_by: field.time(field.object(d.evidence_details)?.due_by) ?? null,
  };
}

/** Mirrors a dispute; `extra`: further columns the caller knows from the event (closed_at). */
export async function upsertDispute(
  manager: EntityManager,
  tenantId: string,
  account: string | null,
  dispute: StripeObject,
  at: Date,
  kind: StateKind,
  extra: Record<string, unknown> = {},
): Promise<MirrorChange<DisputeSnapshot>> {
  return applyMirrorState<DisputeSnapshot>(manager, 'billing_disputes', mirrorState(tenantId, account, dispute, at, kind, { ...disputeColumns(dispute), ...extra }), ['m.status']);
}
