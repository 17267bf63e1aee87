import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { isoOrNull, Problems } from '@app/core';
import { WebhookEventsService } from '@app/webhooks';
import { BillingOperation } from '../catalog/billing-operation';
import { publishSubscriptionChange } from '../events/billing-domain-events';
import type { StripeObject } from '../gateway/stripe-event';
import { StripeGateway, type TenantStripe } from '../gateway/stripe-gateway';
import { field } from '../mirror/mirror-change';
import type { StateKind } from '../mirror/mirror-upsert';
import { upsertSubscription } from '../mirror/subscriptions';
import { BillingSubscriptionsService } from './subscriptions.service';
import type { BillingSubscriptionDto } from './subscriptions.dto';
import type {
  SubscriptionCancelDto, SubscriptionChangePlanDto, SubscriptionChangePreviewDto, SubscriptionChangePreviewQueryDto, SubscriptionExtendDto, SubscriptionPauseDto,
} from './subscription-actions.dto';

/** A bulk extension's date: the one kept by an earlier attempt (ISO), and how to keep it before the Stripe call. */
export interface ExtensionPlan {
  planned: string | null;
  keep: (until: Date) => Promise<void>;
}

/** A subscription as the mirror holds it, read before acting on it. */
interface Held {
  id: string;
  stripe_id: string;
  stripe_account: string;
  customer: string | null;
  status: string;
  currency: string | null;
  cancel_at_period_end: boolean;
  paused: boolean;
  trial_end: Date | null;
  current_period_start: Date | null;
  current_period_end: Date | null;
  items: Array<{ stripe_id: string; price: string | null; quantity: number | null }>;
}

/** A price change of the subscription's one item, checked against the catalog. */
interface PriceChange {
  item: string;
  from: { price: string | null; priceId: string | null; quantity: number | null };
  to: { price: string; priceId: string; quantity: number };
  prorationDate: number;
}

/** One staff action: its checks (in the first short transaction), its Stripe call, and what the audit row says. */
interface Action<T> {
  name: string;
  prepare: (held: Held, manager: EntityManager) => Promise<T> | T;
  call: (stripe: TenantStripe, operationId: string, held: Held, prepared: T) => Promise<StripeObject>;
  /** 'deleted': the subscription ended (as customer.subscription.deleted says it). */
  kind?: StateKind;
  audit: (held: Held, answer: StripeObject, prepared: T) => { action: string; before: object; after: object };
}

/** Statuses after which nothing can be changed any more. */
const ENDED = new Set(['canceled', 'incomplete_expired']);
const unix = (date: Date) => Math.floor(date.getTime() / 1000);
/** The date an extension starts from: the trial's end for a trial, else the next billing date. */
const currentEnd = (held: Held) => (held.status === 'trialing' ? held.trial_end : held.current_period_end) ?? held.trial_end ?? held.current_period_end;

/**
 * Staff's changes to a subscription, each one Stripe call (Idempotency-Key from the client's) between two
 * short transactions: the answer is written to the mirror at once (and the tenant's outgoing webhook
 * published, as for a webhook's change), so the change shows now; Stripe's webhook confirms it later.
 */
@Injectable()
export class SubscriptionActionsService {
  constructor(
    private readonly operation: BillingOperation,
    private readonly gateway: StripeGateway,
    private readonly audit: AuditService,
    private readonly webhooks: WebhookEventsService,
    private readonly subscriptions: BillingSubscriptionsService,
  ) {}

  cancel(id: string, body: SubscriptionCancelDto, clientKey?: string): Promise<BillingSubscriptionDto> {
    const details = { ...(body.reason ? { feedback: body.reason } : {}), ...(body.feedback ? { comment: body.feedback } : {}) };
    return this.act(id, clientKey, {
      name: 'cancel',
      prepare: (held) => this.assertLive(held),
      call: (stripe, op, held) =>
        body.atPeriodEnd
          ? stripe.updateSubscription(op, held.stripe_id, { cancel_at_period_end: true, ...(Object.keys(details).length ? { cancellation_details: details } : {}) })
          : stripe.cancelSubscription(op, held.stripe_id, details),
      kind: body.atPeriodEnd ? 'updated' : 'deleted',
      audit: (held, answer) => ({
        action: body.atPeriodEnd ? 'subscription.cancel_scheduled' : 'subscription.canceled',
        before: { status: held.status, cancelAtPeriodEnd: held.cancel_at_period_end },
        after: { status: answer.status, cancelAtPeriodEnd: answer.cancel_at_period_end === true, reason: body.reason ?? null, feedback: body.feedback ?? null },
      }),
    });
  }

  undoCancel(id: string, clientKey?: string): Promise<BillingSubscriptionDto> {
    return this.act(id, clientKey, {
      name: 'undo-cancel',
      prepare: (held) => {
        this.assertLive(held);
        if (!held.cancel_at_period_end) throw Problems.conflict('subscription-not-scheduled-to-cancel', 'This subscription is not scheduled to cancel.');
      },
      call: (stripe, op, held) => stripe.updateSubscription(op, held.stripe_id, { cancel_at_period_end: false }),
      audit: (held, answer) => ({
        action: 'subscription.cancel_undone',
        before: { cancelAtPeriodEnd: held.cancel_at_period_end },
        after: { cancelAtPeriodEnd: answer.cancel_at_period_end === true },
      }),
    });
  }

  pause(id: string, body: SubscriptionPauseDto, clientKey?: string): Promise<BillingSubscriptionDto> {
    const behavior = body.behavior ?? 'void';
    const resumesAt = body.resumesAt ? new Date(body.resumesAt) : null;
    return this.act(id, clientKey, {
      name: 'pause',
      prepare: (held) => {
        if (resumesAt && resumesAt.getTime() <= Date.now()) throw Problems.validation([{ field: 'resumesAt', message: 'resumesAt must be in the future' }]);
        this.assertLive(held);
      },
      call: (stripe, op, held) => stripe.updateSubscription(op, held.stripe_id, { pause_collection: { behavior, ...(resumesAt ? { resumes_at: unix(resumesAt) } : {}) } }),
      audit: (held) => ({ action: 'subscription.paused', before: { paused: held.paused }, after: { paused: true, behavior, resumesAt: isoOrNull(resumesAt) } }),
    });
  }

  resume(id: string, clientKey?: string): Promise<BillingSubscriptionDto> {
    return this.act(id, clientKey, {
      name: 'resume',
      prepare: (held) => {
        this.assertLive(held);
        if (!held.paused) throw Problems.conflict('subscription-not-paused', 'Collection of this subscription is not paused.');
      },
      // Stripe clears a field given as an empty value.
      call: (stripe, op, held) => stripe.updateSubscription(op, held.stripe_id, { pause_collection: '' }),
      audit: (held, answer) => ({ action: 'subscription.resumed', before: { paused: held.paused }, after: { paused: field.object(answer.pause_collection) !== null } }),
    });
  }

  extend(id: string, body: SubscriptionExtendDto, clientKey?: string): Promise<BillingSubscriptionDto> {
    const until = new Date(body.until);
    return this.extendTo(id, () => until, clientKey);
  }

  /**
   * Extends by `days` from the current trial end / next billing date (or now, when that is past): a bulk
   * extension. The date is computed once: `plan.planned` is the one an earlier attempt kept (through
   * `plan.keep`, in the transaction that reads the subscription, before the Stripe call), so a retry sends
   * Stripe the same request under the same Idempotency-Key even though the mirror already shows the change.
   */
  extendByDays(id: string, days: number, clientKey: string, plan: ExtensionPlan): Promise<BillingSubscriptionDto> {
    return this.extendTo(id, (held) => (plan.planned ? new Date(plan.planned) : new Date(Math.max(currentEnd(held)?.getTime() ?? 0, Date.now()) + days * 86_400_000)), clientKey, plan.keep);
  }

  private extendTo(id: string, untilOf: (held: Held) => Date, clientKey?: string, keep?: (until: Date) => Promise<void>): Promise<BillingSubscriptionDto> {
    const latest = new Date();
    latest.setUTCFullYear(latest.getUTCFullYear() + 2);
    return this.act(id, clientKey, {
      name: 'extend',
      prepare: async (held) => {
        const until = untilOf(held);
        if (until > latest) throw Problems.validation([{ field: 'until', message: 'until must be at most 2 years ahead' }]);
        this.assertLive(held);
        // A trial is extended from its end, an active subscription from its next billing date; never into the past.
        const floor = Math.max(currentEnd(held)?.getTime() ?? 0, Date.now());
        // A bulk retry of a call Stripe already made: the mirror shows the very date kept for it.
        const alreadyMade = keep !== undefined && currentEnd(held) !== null && unix(currentEnd(held)!) === unix(until);
        if (until.getTime() <= floor && !alreadyMade) {
          throw Problems.unprocessable('extension-not-later', `The new date must be later than ${new Date(floor).toISOString()} (the current ${held.status === 'trialing' ? 'trial end' : 'period end'} or now).`);
        }
        await keep?.(until);
        return until;
      },
      call: (stripe, op, held, until) => stripe.updateSubscription(op, held.stripe_id, { trial_end: unix(until), proration_behavior: 'none' }),
      audit: (held, answer) => ({
        action: 'subscription.extended',
        before: { status: held.status, trialEnd: isoOrNull(held.trial_end), currentPeriodEnd: isoOrNull(held.current_period_end) },
        after: { status: answer.status, trialEnd: field.time(answer.trial_end) ?? null, currentPeriodEnd: field.time(answer.current_period_end ?? field.list(answer.items)?.[0]?.current_period_end) ?? null },
      }),
    });
  }

  async changePreview(id: string, query: SubscriptionChangePreviewQueryDto): Promise<SubscriptionChangePreviewDto> {
    const tenantId = this.operation.principal().tenantId;
    const { held, stripe, change } = await this.operation.tx(async (manager) => {
      const found = await this.held(manager, tenantId, id);
      return { held: found, stripe: await this.stripeOf(found, tenantId), change: await this.priceChange(manager, tenantId, found, query) };
    });
    const invoice = await stripe.previewInvoice(this.operation.operationId(`subscriptions.change-preview:${id}`, undefined), {
      customer: held.customer ?? undefined,
      subscription: held.stripe_id,
      subscription_details: {
        items: [{ id: change.item, price: change.to.price, quantity: change.to.quantity }],
        proration_behavior: 'create_prorations',
        proration_date: change.prorationDate,
      },
    });
    const lines = (field.list(invoice.lines) ?? []).map((line) => {
      const period = field.object(line.period);
      return {
        description: field.text(line.description),
        amount: field.integer(line.amount) ?? 0,
        // Older API versions flag it on the line, newer ones on its parent's subscription item details.
        proration: line.proration === true || field.object(field.object(line.parent)?.subscription_item_details)?.proration === true,
        periodStart: field.time(period?.start) ?? null,
        periodEnd: field.time(period?.end) ?? null,
      };
    });
    return {
      prorationDate: new Date(change.prorationDate * 1000).toISOString(),
      currency: field.currency(invoice.currency) ?? held.currency ?? '',
      amountDue: lines.filter((l) => l.proration).reduce((sum, l) => sum + l.amount, 0),
      subtotal: field.integer(invoice.subtotal) ?? 0,
      total: field.integer(invoice.total) ?? 0,
      lines,
    };
  }

  changePlan(id: string, body: SubscriptionChangePlanDto, clientKey?: string): Promise<BillingSubscriptionDto> {
    const tenantId = this.operation.principal().tenantId;
    return this.act(id, clientKey, {
      name: 'change-plan',
      prepare: (held, manager) => this.priceChange(manager, tenantId, held, body),
      call: (stripe, op, held, change) =>
        stripe.updateSubscription(op, held.stripe_id, {
          items: [{ id: change.item, price: change.to.price, quantity: change.to.quantity }],
          proration_behavior: 'create_prorations',
          proration_date: change.prorationDate,
        }),
      audit: (_held, _answer, change) => ({
        action: 'subscription.plan_changed',
        before: change.from,
        after: { ...change.to, prorationDate: new Date(change.prorationDate * 1000).toISOString() },
      }),
    });
  }

  /** Reads and checks (short transaction), calls Stripe (no connection held), writes mirror + audit and answers the detail (short transaction). */
  private async act<T>(id: string, clientKey: string | undefined, action: Action<T>): Promise<BillingSubscriptionDto> {
    const tenantId = this.operation.principal().tenantId;
    const { held, stripe, prepared } = await this.operation.tx(async (manager) => {
      const found = await this.held(manager, tenantId, id);
      const stripeOf = await this.stripeOf(found, tenantId);
      return { held: found, stripe: stripeOf, prepared: await action.prepare(found, manager) };
    });
    const answer = await action.call(stripe, this.operation.operationId(`subscriptions.${action.name}:${id}`, clientKey), held, prepared);
    const kind = action.kind ?? 'updated';
    return this.operation.tx(async (manager) => {
      const change = await upsertSubscription(manager, tenantId, stripe.account, answer, this.operation.stateAt(answer, kind), kind);
      await publishSubscriptionChange(this.webhooks, change, answer, kind === 'deleted');
      await this.audit.record({ entityType: 'billing_subscription', entityId: id, ...action.audit(held, answer, prepared) });
      return this.subscriptions.get(id);
    });
  }

  private async held(manager: EntityManager, tenantId: string, id: string): Promise<Held> {
    const [row] = await manager.query(
      `select id, stripe_id, stripe_account, customer, status, currency, cancel_at_period_end, paused, trial_end, current_period_start, current_period_end
         from billing_subscriptions where tenant_id = $1 and id = $2`,
      [tenantId, id],
    );
    if (!row) throw Problems.notFound('Subscription');
    const items = await manager.query(`select stripe_id, price, quantity from billing_subscription_items where tenant_id = $1 and subscription_id = $2 order by position`, [tenantId, id]);
    return { ...row, items };
  }

  /** The tenant's Stripe, when the subscription lives in the account the tenant now sells through. */
  private async stripeOf(held: Held, tenantId: string): Promise<TenantStripe> {
    const stripe = await this.gateway.forTenant(tenantId);
    if ((stripe.account ?? '') !== held.stripe_account) {
      throw Problems.conflict('subscription-in-other-account', 'This subscription lives in a Stripe account the business no longer sells through.');
    }
    return stripe;
  }

  private assertLive(held: Held): void {
    if (ENDED.has(held.status)) throw Problems.conflict('subscription-not-active', `This subscription is ${held.status}: it can no longer be changed.`);
  }

  /** The change of the one item to `priceId` (ours): an active recurring price of this business in the subscription's currency. */
  private async priceChange(manager: EntityManager, tenantId: string, held: Held, input: { priceId: string; quantity?: number; prorationDate?: string }): Promise<PriceChange> {
    this.assertLive(held);
    if (held.items.length > 1) throw Problems.unprocessable('subscription-has-several-items', 'This subscription has several items: change its plan in the Stripe Dashboard.');
    const [item] = held.items;
    if (!item) throw Problems.conflict('subscription-has-no-items', 'The mirror holds no item of this subscription yet: sync it first.');
    const [price] = await manager.query(
      `select id, stripe_id, stripe_account, active, type, currency from billing_prices where tenant_id = $1 and id = $2 and deleted_at is null`,
      [tenantId, input.priceId],
    );
    if (!price) throw Problems.notFound('Price');
    const refusal = !price.active ? 'is archived'
      : price.type !== 'recurring' ? 'is not recurring'
      : price.currency !== held.currency ? `is in ${price.currency}, the subscription in ${held.currency ?? 'no currency'}`
      : price.stripe_account !== held.stripe_account ? 'lives in another Stripe account' : null;
    if (refusal) throw Problems.unprocessable('price-not-compatible', `The price ${refusal}.`);
    const [old] = await manager.query(`select id from billing_prices where tenant_id = $1 and stripe_account = $2 and stripe_id = $3`, [tenantId, held.stripe_account, item.price]);
    return {
      item: item.stripe_id,
      from: { price: item.price, priceId: old?.id ?? null, quantity: item.quantity },
      to: { price: price.stripe_id, priceId: price.id, quantity: input.quantity ?? item.quantity ?? 1 },
      prorationDate: this.prorationDate(held, input.prorationDate),
    };
  }

  /** Unix seconds of the proration: the preview's when given (within the current period, not ahead of now), else now. */
  private prorationDate(held: Held, given: string | undefined): number {
    if (!given) return unix(new Date());
    const at = new Date(given);
    const start = held.current_period_start?.getTime() ?? -Infinity;
    // A minute of leeway for clocks: the preview's own date is "now" on another machine.
    if (at.getTime() < start || at.getTime() > Date.now() + 60_000) {
      throw Problems.unprocessable('proration-date-out-of-period', `prorationDate must be within the current period (from ${isoOrNull(held.current_period_start) ?? 'its start'}) and not ahead of now.`);
    }
    return unix(at);
  }
}
