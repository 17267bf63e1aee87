import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { newId } from '@app/core';
import type { StripeEvent, StripeObject } from '../gateway/stripe-event';
import { PLATFORM_PLAN_MARKER } from '../gateway/platform-stripe';
import { stateKindOf, type StripeEventContext } from '../events/stripe-event-handler';
import { higherPlan } from './plan-keys';
import { GRANTING_STATUSES, UNDECIDED_STATUSES } from './platform-subscription-statuses';

const RANK = { created: 0, updated: 1, deleted: 2 } as const;

/** The id of a state the daily reconciliation read from Stripe (not an event Stripe sent). */
export const RECONCILED_STATE_PREFIX = 'reconcile_';

/** Whether a stored event is about one of the platform's plan subscriptions (never mirrored into the tenant's own billing). */
export function isPlatformPlanEvent(event: StripeEvent, account: string | null): boolean {
  return account === null && event.data?.object?.metadata?.platform_plan === PLATFORM_PLAN_MARKER.platform_plan;
}

const secondsToIso = (value: unknown) => (typeof value === 'number' ? new Date(value * 1000).toISOString() : null);

/**
 * A plan subscription's lifecycle sets the tenant's plan: the plan key of its price while active,
 * trialing or past_due; 'free' once it is canceled, unpaid or otherwise over. Each subscription keeps the
 * Stripe time and rank of the last state applied, so a late older event changes nothing. Only a
 * subscription of the tenant's own platform customer, for a price of a platform plan, grants anything.
 */
@Injectable()
export class PlatformPlanSubscriptionHandler {
  readonly types = [
    'customer.subscription.created',
    'customer.subscription.updated',
    'customer.subscription.deleted',
    'customer.subscription.paused',
    'customer.subscription.resumed',
  ] as const;

  constructor(private readonly audit: AuditService) {}

  handles(type: string): boolean {
    return (this.types as readonly string[]).includes(type);
  }

  async handle({ event, tenantId, manager }: StripeEventContext): Promise<void> {
    const subscription: StripeObject = event.data.object;
    const [customer] = await manager.query(`select stripe_customer_id from platform_customers where tenant_id = $1`, [tenantId]);
    if (!customer || customer.stripe_customer_id !== subscription.customer) return;
    const item = (subscription.items as { data?: Array<{ price?: { id?: string } }> } | undefined)?.data?.[0];
    const priceId = item?.price?.id ?? null;
    const [plan] = priceId
      ? await manager.query(`select p.plan_key from platform_plan_prices pr join platform_plans p on p.id = pr.plan_id where pr.stripe_price_id = $1`, [priceId])
      : [];
    const kind = stateKindOf(event.type);
    const status = kind === 'deleted' ? 'canceled' : String(subscription.status);
    const [applied] = await manager.query(
      `insert into platform_subscriptions as s (id, tenant_id, stripe_subscription_id, stripe_customer_id, stripe_price_id, plan_key, status,
                                                cancel_at_period_end, current_period_end, stripe_updated_at, stripe_rank)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       on conflict (tenant_id, stripe_subscription_id) do update set
         stripe_price_id = excluded.stripe_price_id, plan_key = excluded.plan_key, status = excluded.status,
         cancel_at_period_end = excluded.cancel_at_period_end, current_period_end = excluded.current_period_end,
         stripe_updated_at = excluded.stripe_updated_at, stripe_rank = excluded.stripe_rank, updated_at = now()
       where (s.stripe_updated_at, s.stripe_rank) <= (excluded.stripe_updated_at, excluded.stripe_rank)
       returning id`,
      [
        newId(), tenantId, subscription.id, subscription.customer, priceId, plan?.plan_key ?? null, status,
        subscription.cancel_at_period_end === true, secondsToIso(subscription.current_period_end ?? (item as Record<string, unknown> | undefined)?.current_period_end),
        new Date(event.created * 1000), RANK[kind],
      ],
    );
    // An older state than the one held: nothing changes.
    if (!applied || UNDECIDED_STATUSES.includes(status)) return;
    const [tenant] = await manager.query(`select plan from tenants where id = $1 for update`, [tenantId]);
    if (!tenant) return;
    const live: Array<{ plan_key: string }> = await manager.query(
      `select plan_key from platform_subscriptions where tenant_id = $1 and status = any($2) and plan_key is not null`,
      [tenantId, GRANTING_STATUSES],
    );
    const target = live.reduce((best, row) => higherPlan(best, row.plan_key), 'free');
    if (target === tenant.plan) return;
    // The same change the staff change-plan route makes: the access stamps cover tenants.plan, so cached principals refresh.
    await manager.query(`update tenants set plan = $2, updated_at = now() where id = $1`, [tenantId, target]);
    await this.audit.record({
      action: 'tenant.plan_changed', entityType: 'tenant', entityId: tenantId, tenantId,
      before: { plan: tenant.plan },
      after: event.id.startsWith(RECONCILED_STATE_PREFIX)
        ? { plan: target, source: 'platform_subscription_reconciliation', subscription: subscription.id, status }
        : { plan: target, source: 'platform_subscription', subscription: subscription.id, status, stripeEventId: event.id },
    });
  }
}
