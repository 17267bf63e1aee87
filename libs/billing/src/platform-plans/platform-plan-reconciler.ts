import { Injectable, Logger } from '@nestjs/common';
import { requestContext, systemContext } from '@app/core';
import { Db } from '@app/database';
import type { StripeEvent } from '../gateway/stripe-event';
import { StripeGateway } from '../gateway/stripe-gateway';
import { PLATFORM_PLAN_MARKER } from '../gateway/platform-stripe';
import { PlatformPlanSubscriptionHandler, RECONCILED_STATE_PREFIX } from './platform-plan-subscription.handler';

/** What one reconciliation of plan subscriptions did. */
export interface PlanReconciliation {
  customers: number;
  subscriptions: number;
  failed: number;
}

/**
 * The daily check of the plans tenants buy from the platform: each tenant's platform customer's
 * subscriptions are read from Stripe and applied through the same handler as their webhooks, as a
 * state seen now (order-safe: a newer event already applied wins, an older one held is replaced). So a
 * lost or never-delivered plan webhook still sets the tenant's plan by the next day. Stripe is called
 * with no connection held; each tenant's states are applied in one short transaction bound to it.
 */
@Injectable()
export class PlatformPlanReconciler {
  private readonly logger = new Logger('PlanReconcile');

  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly handler: PlatformPlanSubscriptionHandler,
  ) {}

  /** Runs as the system actor whoever calls it (its plan changes are audited as system). */
  reconcile(): Promise<PlanReconciliation> {
    return requestContext.run(systemContext(), () => this.reconcileAll());
  }

  private async reconcileAll(): Promise<PlanReconciliation> {
    const result: PlanReconciliation = { customers: 0, subscriptions: 0, failed: 0 };
    if (!this.gateway.configured) return result;
    const customers = await this.db.transaction({}, async () => {
      await this.db.crossTenant();
      return this.db.query<{ tenant_id: string; stripe_customer_id: string }>(
        `select c.tenant_id, c.stripe_customer_id from platform_customers c join tenants t on t.id = c.tenant_id order by c.tenant_id`,
      );
    });
    const platform = this.gateway.forPlatform();
    for (const customer of customers) {
      result.customers += 1;
      try {
        // Stripe's state now: taken before the call, so an event Stripe creates while we read is not older than it.
        const seenAt = Math.floor(Date.now() / 1000);
        const subscriptions = (await platform.listCustomerSubscriptions(customer.stripe_customer_id)).filter(
          (s) => s.metadata?.platform_plan === PLATFORM_PLAN_MARKER.platform_plan,
        );
        if (subscriptions.length === 0) continue;
        await this.db.transaction({ tenantId: customer.tenant_id }, async () => {
          for (const subscription of subscriptions) {
            const event: StripeEvent = {
              id: `${RECONCILED_STATE_PREFIX}${subscription.id}_${seenAt}`,
              type: subscription.status === 'canceled' ? 'customer.subscription.deleted' : 'customer.subscription.updated',
              created: seenAt,
              livemode: subscription.livemode === true,
              data: { object: subscription },
            };
            await this.handler.handle({ event, tenantId: customer.tenant_id, account: null, manager: this.db.manager() });
            result.subscriptions += 1;
          }
        });
      } catch (error) {
        // One tenant's failure (Stripe refusing, a deleted customer) does not stop the others'.
        result.failed += 1;
        this.logger.warn(`plan subscriptions of tenant ${customer.tenant_id}: ${(error as Error).message}`);
      }
    }
    return result;
  }
}
