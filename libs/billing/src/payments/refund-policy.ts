import type { EntityManager } from 'typeorm';
import { DEFAULT_TENANT_SETTINGS, type TenantRefundPolicy } from '@app/tenants';

export interface RefundSettings {
  policy: TenantRefundPolicy;
  /** Refunds above this many minor units need a second person's approval; null: none do. */
  approvalThreshold: number | null;
}

/** The tenant's refund policy and approval threshold (defaults where unset). */
export async function readRefundSettings(manager: EntityManager, tenantId: string): Promise<RefundSettings> {
  const [row] = await manager.query(`select settings->'refundPolicy' as policy, settings->'refundApprovalThreshold' as threshold from tenants where id = $1`, [tenantId]);
  const threshold = row?.threshold;
  return {
    policy: { ...DEFAULT_TENANT_SETTINGS.refundPolicy, ...(row?.policy ?? {}) },
    approvalThreshold: typeof threshold === 'number' ? threshold : DEFAULT_TENANT_SETTINGS.refundApprovalThreshold,
  };
}

export interface QuoteInput {
  /** Minor units left to refund now. */
  refundable: number;
  /** Minor units the payment received, and refunded so far. */
  received: number;
  refunded: number;
  succeededAt: Date | null;
  /** The paid period (an invoice of a subscription), when the payment has one. */
  periodStart: Date | null;
  periodEnd: Date | null;
  now: Date;
}

export interface Quote {
  suggested: number;
  reason: 'within-window' | 'outside-window' | 'prorated';
}

const DAY_MS = 86_400_000;

/**
 * What the policy suggests refunding: nothing once `windowDays` have passed since the payment succeeded;
 * within them everything left (mode full) or, for a payment of a paid period (mode prorated), the
 * period's unused share of what was received (to the nearest minor unit) less what is already refunded,
 * never more than is left. A prorated policy on a payment without a period suggests everything left.
 */
export function refundQuote(policy: TenantRefundPolicy, input: QuoteInput): Quote {
  if (!input.succeededAt || input.now.getTime() - input.succeededAt.getTime() > policy.windowDays * DAY_MS) return { suggested: 0, reason: 'outside-window' };
  const period = input.periodStart && input.periodEnd ? input.periodEnd.getTime() - input.periodStart.getTime() : 0;
  if (policy.mode !== 'prorated' || period <= 0) return { suggested: input.refundable, reason: 'within-window' };
  const unused = Math.min(1, Math.max(0, (input.periodEnd!.getTime() - input.now.getTime()) / period));
  const suggested = Math.round(input.received * unused) - input.refunded;
  return { suggested: Math.max(0, Math.min(input.refundable, suggested)), reason: 'prorated' };
}
