import type { EntityManager } from 'typeorm';
import { isUuid } from '@app/core';
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
  const change = await applyMirrorState<RefundSnapshot>(manager, 'billing_refunds', mirrorState(tenantId, account, refund, at, kind, refundColumns(refund)), ['m.status']);
  await settleRefundRequest(manager, tenantId, refund);
  return change;
}

/**
 * A refund we asked for carries its request's id (metadata.refund_request_id). When Stripe tells of it (a
 * webhook or a sync run) while the request still waits for Stripe's answer, or was marked failed because
 * that answer never came, the request is sent: the attempt that made it died or timed out after Stripe
 * acted, and nobody retried it.
 */
async function settleRefundRequest(manager: EntityManager, tenantId: string, refund: StripeObject): Promise<void> {
  const requestId = refund.metadata?.refund_request_id;
  if (!isUuid(requestId)) return;
  await manager.query(
    `update billing_refund_requests set status = 'sent', stripe_refund_id = $3, failure_reason = null, sent_at = coalesce(sent_at, now()), updated_at = now()
      where tenant_id = $1 and id = $2 and status in ('pending', 'failed')`,
    [tenantId, requestId, refund.id],
  );
}

/**
 * Requests still waiting for Stripe's answer after this long were cut off before Stripe acted (a refund
 * Stripe made would have come back by webhook or by the sync run that calls this): they stop holding
 * their amount and say so. A refund of theirs Stripe tells of later still settles them (above).
 */
export const STALE_REFUND_REQUEST_MINUTES = 60;

export async function releaseStaleRefundRequests(manager: EntityManager, tenantId: string): Promise<number> {
  const rows: unknown[] = await manager.query(
    `update billing_refund_requests
        set status = 'failed', failure_reason = 'The refund was interrupted before Stripe answered, and Stripe has no refund of it: nothing was refunded.', updated_at = now()
      where tenant_id = $1 and status = 'pending' and updated_at < now() - make_interval(mins => $2)
      returning id`,
    [tenantId, STALE_REFUND_REQUEST_MINUTES],
  );
  return rows.length;
}
