import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { ProblemException } from '@app/core';
import { Db } from '@app/database';
import type { TenantDunningPolicy } from '@app/tenants';
import { WebhookEventsService } from '@app/webhooks';
import { publishSubscriptionChange } from '../events/billing-domain-events';
import { StripeGateway } from '../gateway/stripe-gateway';
import type { StripeEvent } from '../gateway/stripe-event';
import { invoiceSubscription } from '../mirror/invoices';
import { mirrorNow } from '../mirror/mirror-upsert';
import { upsertSubscription } from '../mirror/subscriptions';

/** Why access was suspended (the subscription detail and the entitlements show it). */
export const FINAL_PAYMENT_FAILED = 'final_payment_failed';

const PAID = new Set(['invoice.paid', 'invoice.payment_succeeded']);

interface HeldSubscription {
  id: string;
  stripe_id: string;
  status: string;
  access_suspended_at: Date | null;
  access_suspended_invoice: string | null;
  access_policy_at: Date | null;
}

/**
 * The tenant's dunning policy (settings.dunningPolicy), applied in the transaction of the Stripe event
 * that triggers it: after the last automatic attempt of a subscription's invoice fails (payment_failed
 * without a next attempt) the member's access is suspended or the subscription canceled in Stripe (an
 * Idempotency-Key from the event id: a retried or replayed event cancels once); a paid invoice of the
 * subscription lifts a suspension whatever the policy. Order-safe: each decision records the Stripe time
 * of its event on the subscription, and an event not newer than the last decision changes nothing (a
 * payment told before an older failure keeps the access); a failure of an invoice the mirror holds as
 * paid or void suspends nothing. Every effect is audited (actor: system) with the event id.
 */
@Injectable()
export class DunningPolicy {
  private readonly logger = new Logger('DunningPolicy');

  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly audit: AuditService,
    private readonly webhooks: WebhookEventsService,
  ) {}

  /** Returns whether the member's access changed (their entitlements are then recomputed). */
  async afterStripeEvent(event: StripeEvent, account: string | null): Promise<boolean> {
    const invoice = event.data.object;
    const finalFailure = event.type === 'invoice.payment_failed' && !invoice.next_payment_attempt && invoice.collection_method !== 'send_invoice';
    if (!finalFailure && !PAID.has(event.type)) return false;
    const stripeId = invoiceSubscription(invoice);
    if (!stripeId) return false;
    const tenantId = this.db.tenantId();
    const [tenant] = await this.db.query<{ policy: TenantDunningPolicy | null }>(`select settings->>'dunningPolicy' as policy from tenants where id = $1`, [tenantId]);
    const [held] = await this.db.query<HeldSubscription>(
      `select id, stripe_id, status, access_suspended_at, access_suspended_invoice, access_policy_at
         from billing_subscriptions where tenant_id = $1 and stripe_account = $2 and stripe_id = $3 for update`,
      [tenantId, account ?? '', stripeId],
    );
    const policy = tenant?.policy ?? 'none';
    if (!held) {
      // A payment for a subscription not mirrored yet has no suspension to lift; a final failure under a
      // policy waits (the event retries) until the subscription's own event arrives.
      if (finalFailure && policy !== 'none') throw new Error(`subscription ${stripeId} is not mirrored yet: the dunning policy waits for it`);
      return false;
    }
    const at = new Date(event.created * 1000);
    if (held.access_policy_at && held.access_policy_at >= at) return false;
    if (!finalFailure) return this.restore(held, at, event, invoice.id);
    if (policy === 'none' || held.status === 'canceled' || held.status === 'incomplete_expired') return false;
    const [mirrored] = await this.db.query<{ status: string | null }>(
      `select status from billing_invoices where tenant_id = $1 and stripe_account = $2 and stripe_id = $3`,
      [tenantId, account ?? '', invoice.id],
    );
    if (mirrored?.status === 'paid' || mirrored?.status === 'void') return false;
    return policy === 'suspend' ? this.suspend(held, at, event, invoice.id) : this.cancel(held, at, event, invoice.id, account);
  }

  private async suspend(held: HeldSubscription, at: Date, event: StripeEvent, invoiceId: string): Promise<boolean> {
    await this.db.query(
      `update billing_subscriptions set access_policy_at = $3,
              access_suspended_at = coalesce(access_suspended_at, now()), access_suspended_reason = $4, access_suspended_invoice = $5
        where tenant_id = $1 and id = $2`,
      [this.db.tenantId(), held.id, at, FINAL_PAYMENT_FAILED, invoiceId],
    );
    if (held.access_suspended_at) return false;
    await this.audit.record({
      action: 'subscription.access_suspended',
      entityType: 'billing_subscription',
      entityId: held.id,
      before: { accessSuspendedAt: null },
      after: { policy: 'suspend', reason: FINAL_PAYMENT_FAILED, invoice: invoiceId, stripeEventId: event.id },
    });
    return true;
  }

  private async restore(held: HeldSubscription, at: Date, event: StripeEvent, invoiceId: string): Promise<boolean> {
    await this.db.query(
      `update billing_subscriptions set access_policy_at = $3, access_suspended_at = null, access_suspended_reason = null, access_suspended_invoice = null
        where tenant_id = $1 and id = $2`,
      [this.db.tenantId(), held.id, at],
    );
    if (!held.access_suspended_at) return false;
    await this.audit.record({
      action: 'subscription.access_restored',
      entityType: 'billing_subscription',
      entityId: held.id,
      before: { accessSuspendedAt: held.access_suspended_at.toISOString(), invoice: held.access_suspended_invoice },
      after: { accessSuspendedAt: null, paidInvoice: invoiceId, stripeEventId: event.id },
    });
    return true;
  }

  private async cancel(held: HeldSubscription, at: Date, event: StripeEvent, invoiceId: string, account: string | null): Promise<boolean> {
    const tenantId = this.db.tenantId();
    await this.db.query(`update billing_subscriptions set access_policy_at = $3 where tenant_id = $1 and id = $2`, [tenantId, held.id, at]);
    if (held.status === 'canceled' || held.status === 'incomplete_expired') return false;
    const stripe = await this.gateway.forTenant(tenantId);
    if ((stripe.account ?? '') !== (account ?? '')) {
      this.logger.warn(`subscription ${held.stripe_id}: event from account ${account ?? 'platform'}, tenant sells on ${stripe.account ?? 'platform'}: not canceled`);
      return false;
    }
    let answer;
    try {
      answer = await stripe.cancelSubscription(`dunning:${event.id}`, held.stripe_id, { comment: `Dunning policy: the last payment attempt of invoice ${invoiceId} failed` });
    } catch (error) {
      // Stripe refuses (e.g. it already ended the subscription): nothing to cancel; its own event will tell the mirror.
      if (!(error instanceof ProblemException && error.slug === 'stripe-request-refused')) throw error;
      this.logger.warn(`subscription ${held.stripe_id}: not canceled by the dunning policy: ${error.detail ?? error.message}`);
      return false;
    }
    const change = await upsertSubscription(this.db.manager(), tenantId, stripe.account, answer, mirrorNow(), 'deleted');
    await publishSubscriptionChange(this.webhooks, change, answer, true);
    await this.audit.record({
      action: 'subscription.canceled',
      entityType: 'billing_subscription',
      entityId: held.id,
      before: { status: held.status },
      after: { status: answer.status, policy: 'cancel', reason: FINAL_PAYMENT_FAILED, invoice: invoiceId, stripeEventId: event.id },
    });
    return true;
  }
}
