import { Inject, Injectable, Logger } from '@nestjs/common';
import { Db } from '@app/database';
import { IntegrationStateService } from '@app/tenants';
import type { StripeEvent } from '../gateway/stripe-event';
import { STRIPE_EVENT_HANDLERS, type StripeEventHandler } from './stripe-event-handler';
import { indexStripeEventHandlers } from './stripe-event-handler-index';
import { isPlatformPlanEvent, PlatformPlanSubscriptionHandler } from '../platform-plans/platform-plan-subscription.handler';
import { EntitlementsService } from '../entitlements/entitlements.service';
import { LifecycleEmails } from '../lifecycle/lifecycle-emails';
import { DunningPolicy } from '../dunning/dunning-policy';

interface EventRow {
  tenant_id: string | null;
  account: string | null;
  status: string;
  payload: StripeEvent;
  received_at: Date;
}

/**
 * Applies one stored Stripe event in one transaction bound to its tenant: the row is locked (a
 * concurrent run of the same event waits, then finds it processed), the type's handler writes through
 * the order-safe mirror upsert, and the event is marked processed. Unknown types and events of no known
 * tenant are marked ignored. An error rolls everything back, is recorded on the event (attempts,
 * last_error, failed) and rethrown, so the job retries and finally becomes a dead letter.
 */
@Injectable()
export class StripeEventProcessor {
  private readonly logger = new Logger('StripeEvents');
  private readonly handlers: Map<string, StripeEventHandler>;

  constructor(
    @Inject(STRIPE_EVENT_HANDLERS) handlers: StripeEventHandler[],
    private readonly db: Db,
    private readonly integrations: IntegrationStateService,
    private readonly platformPlans: PlatformPlanSubscriptionHandler,
    private readonly entitlements: EntitlementsService,
    private readonly lifecycleEmails: LifecycleEmails,
    private readonly dunningPolicy: DunningPolicy,
  ) {
    this.handlers = indexStripeEventHandlers(handlers);
  }

  get handledTypes(): string[] {
    return [...this.handlers.keys()];
  }

  /**
   * `tenantHint`: the tenant the inbox stored the event for (null: none), from the job. With it the event
   * is applied in one transaction bound to that tenant; a row that tenant cannot see (no hint, or a
   * stale one) is looked up on the cross-tenant path first.
   */
  async process(stripeEventId: string, tenantHint?: string | null): Promise<void> {
    if (tenantHint !== undefined && (await this.apply(stripeEventId, tenantHint)) !== 'not-found') return;
    const tenantId = await this.db.transaction({}, async (manager) => {
      await this.db.crossTenant();
      const [row] = await manager.query(`select tenant_id from stripe_events where id = $1`, [stripeEventId]);
      return row ? ((row.tenant_id as string | null) ?? null) : undefined;
    });
    if (tenantId === undefined) return; // the event row is gone (tenant deleted): nothing to apply
    await this.apply(stripeEventId, tenantId);
  }

  /** Applies the event in one transaction bound to `tenantId` (null: the cross-tenant path, for events no tenant owns). */
  private async apply(stripeEventId: string, tenantId: string | null): Promise<'done' | 'not-found'> {
    let receivedAt: Date | null = null;
    let outcome: 'done' | 'not-found' = 'done';
    try {
      // Its own statements are prepared (db.query); a handler gets the transaction's manager when it asks.
      await this.db.transaction({ tenantId }, async () => {
        if (!tenantId) await this.db.crossTenant();
        const [row] = await this.db.query<EventRow>(
          `select tenant_id, account, status, payload, received_at from stripe_events where id = $1 for update`,
          [stripeEventId],
        );
        if (!row) {
          outcome = 'not-found';
          return;
        }
        if (row.status === 'processed' || row.status === 'ignored') return;
        receivedAt = row.received_at;
        // The platform's plan subscriptions (tenant = the customer) set the tenant's plan and never reach its own billing mirror.
        const platformPlan = isPlatformPlanEvent(row.payload, row.account);
        const handler = platformPlan ? (this.platformPlans.handles(row.payload.type) ? this.platformPlans : undefined) : this.handlers.get(row.payload.type);
        if (!handler || !row.tenant_id) {
          const note = handler ? 'no tenant owns this event\'s account or object' : platformPlan ? 'a platform plan object: not mirrored' : null;
          await this.db.query(`update stripe_events set status = 'ignored', attempts = attempts + 1, last_error = $2, processed_at = now() where id = $1`, [stripeEventId, note]);
          return;
        }
        await handler.handle({ event: row.payload, tenantId: row.tenant_id, account: row.account, manager: this.db.manager() });
        if (!platformPlan) {
          const accessChanged = await this.dunningPolicy.afterStripeEvent(row.payload, row.account);
          await this.entitlements.afterStripeEvent(row.payload, row.account, accessChanged);
          await this.lifecycleEmails.afterStripeEvent(row.payload, row.account);
        }
        await this.db.query(`update stripe_events set status = 'processed', attempts = attempts + 1, last_error = null, processed_at = now() where id = $1`, [stripeEventId]);
      });
    } catch (error) {
      const message = (error as Error).message || String(error);
      await this.db
        .transaction({}, async (manager) => {
          await this.db.crossTenant();
          await manager.query(`update stripe_events set status = 'failed', attempts = attempts + 1, last_error = $2 where id = $1 and status <> 'processed'`, [
            stripeEventId,
            message.slice(0, 2000),
          ]);
        })
        .catch((recordError: Error) => this.logger.warn(`stripe event ${stripeEventId}: could not record the failure: ${recordError.message}`));
      throw error;
    }
    // Written at most once a second (the newest time wins): one shared row must not serialise the events.
    if (receivedAt) this.integrations.noteWebhookReceived('stripe', receivedAt);
    return outcome;
  }
}
