import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { isoOrNull, Problems } from '@app/core';
import { Db } from '@app/database';
import { WebhookEventsService } from '@app/webhooks';
import type { StripeEvent, StripeObject } from '../gateway/stripe-event';
import { idOf } from '../events/stripe-event-handler';
import type { EntitledProductDto, EntitlementQueryDto, EntitlementsDto } from './entitlements.dto';

type Row = Record<string, any>;

/** Who entitlements are for: a member (and the customers linked to them or sharing their email), or an email alone. */
interface Subject {
  memberId: string | null;
  email: string | null;
}

const subjectKey = (subject: Subject) => (subject.memberId ? `member:${subject.memberId}` : `email:${subject.email}`);

/** Subscription statuses that give access (past due: Stripe is still retrying; the dunning policy decides later). */
const GRANTING = ['active', 'trialing', 'past_due'];
const RANK: Record<string, number> = { active: 3, trialing: 2, past_due: 1 };

/** The Stripe events that can change what someone may access. */
const AFFECTING = /^(customer\.subscription\.|checkout\.session\.|charge\.refund|refund\.)/;

/**
 * What the subject holds: the items of their live subscriptions, and the products of their completed
 * one-off Checkout payments not refunded in full. $1 tenant, $2 member id, $3 email (lower case).
 */
const HOLDINGS = `
  with customers as (
    select c.id, c.stripe_account, c.stripe_id from billing_customers c
     where c.tenant_id = $1 and c.deleted_at is null and (c.membership_id = $2::uuid or ($3::text is not null and lower(c.email) = $3))
  )
  select 'subscription' as source, s.status, s.current_period_end, s.cancel_at_period_end, s.cancel_at, s.access_suspended_at, s.access_suspended_reason,
         p.id as product_id, i.product as product_stripe_id, p.name as product_name, p.features, (select array_agg(id) from customers) as customer_ids
    from billing_subscriptions s
    join customers c on c.stripe_account = s.stripe_account and c.stripe_id = s.customer
    join billing_subscription_items i on i.tenant_id = s.tenant_id and i.subscription_id = s.id
    left join billing_products p on p.tenant_id = s.tenant_id and p.stripe_account = s.stripe_account and p.stripe_id = i.product
   where s.tenant_id = $1 and s.deleted_at is null and s.status = any('{${GRANTING.join(',')}}'::text[])
  union all
  select 'purchase', 'active', null, false, null, null, null, p.id, line.product, p.name, p.features, (select array_agg(id) from customers)
    from billing_checkout_sessions cs
    left join customers c on c.stripe_account = cs.stripe_account and c.stripe_id = cs.customer
    cross join lateral (
      select coalesce(l->>'product', (select pr.product from billing_prices pr where pr.tenant_id = cs.tenant_id and pr.stripe_account = cs.stripe_account and pr.stripe_id = l->>'price')) as product
        from jsonb_array_elements(case when jsonb_typeof(cs.line_items) = 'array' then cs.line_items else jsonb_build_array(jsonb_build_object('price', cs.price)) end) l
    ) line
    left join billing_products p on p.tenant_id = cs.tenant_id and p.stripe_account = cs.stripe_account and p.stripe_id = line.product
   where cs.tenant_id = $1 and cs.mode = 'payment' and cs.status = 'complete' and cs.payment_status in ('paid', 'no_payment_required')
     and (c.id is not null or ($3::text is not null and lower(cs.customer_email) = $3))
     and not exists (select 1 from billing_payments bp where bp.tenant_id = cs.tenant_id and bp.stripe_account = cs.stripe_account and bp.stripe_id = cs.payment_intent and bp.refunded)
  union all
  select 'customers', null, null, false, null, null, null, null, null, null, null, (select array_agg(id) from customers)`;

function features(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((f): f is string => typeof f === 'string') : [];
}

/**
 * A member's effective entitlements, derived from the billing mirror (so exact as of the last Stripe
 * event or action): for the SPA, for outside systems (`GET /entitlements` with `entitlements:read`) and
 * for the `entitlements.changed` webhook, sent when they really change.
 */
@Injectable()
export class EntitlementsService {
  constructor(
    private readonly db: Db,
    private readonly webhooks: WebhookEventsService,
  ) {}

  async get(query: EntitlementQueryDto): Promise<EntitlementsDto> {
    if (Boolean(query.email) === Boolean(query.memberId)) {
      throw Problems.validation([{ field: query.email ? 'memberId' : 'email', message: 'give exactly one of email or memberId' }]);
    }
    const subject = query.memberId ? await this.member(query.memberId) : await this.byEmail(query.email!);
    return this.compute(subject);
  }

  /**
   * After a Stripe event was applied to the mirror (same transaction): when an endpoint listens, the
   * entitlements of the customer it concerns are recomputed and `entitlements.changed` published if they
   * differ from what was last sent. `accessChanged`: the dunning policy suspended or restored access on
   * this event (an invoice event, otherwise not one that changes entitlements).
   */
  async afterStripeEvent(event: StripeEvent, account: string | null, accessChanged = false): Promise<void> {
    if (!(accessChanged || AFFECTING.test(event.type)) || !(await this.webhooks.hasSubscribers('entitlements.changed'))) return;
    const subject = await this.subjectOf(event.data.object, account);
    if (subject) await this.publishIfChanged(subject);
  }

  /**
   * After a sync run (reconciliation or import) wrote mirror rows Stripe's events never brought (same
   * transaction): `objects` are the Stripe objects it inserted, rewrote or marked deleted (subscriptions,
   * payments, refunds). Each member or email they concern is recomputed once, as after a webhook event.
   */
  async afterSyncRepairs(objects: StripeObject[], account: string | null): Promise<void> {
    if (!objects.length || !(await this.webhooks.hasSubscribers('entitlements.changed'))) return;
    const subjects = new Map<string, Subject>();
    for (const object of objects) {
      const subject = await this.subjectOf(object, account);
      if (subject) subjects.set(subjectKey(subject), subject);
    }
    for (const subject of subjects.values()) await this.publishIfChanged(subject);
  }

  /** Whom a Stripe object (or a mirror row with the same names) concerns: its customer's member or email, else its payment's, else its email. */
  private async subjectOf(object: StripeObject, account: string | null): Promise<Subject | null> {
    let customer = idOf(object.customer);
    if (!customer && typeof object.payment_intent === 'string') {
      const [payment] = await this.db.query<{ customer: string | null }>(
        `select customer from billing_payments where tenant_id = $1 and stripe_account = $2 and stripe_id = $3`,
        [this.db.tenantId(), account ?? '', object.payment_intent],
      );
      customer = payment?.customer ?? null;
    }
    if (customer) {
      const [row] = await this.db.query<{ membership_id: string | null; email: string | null }>(
        `select membership_id, email from billing_customers where tenant_id = $1 and stripe_account = $2 and stripe_id = $3`,
        [this.db.tenantId(), account ?? '', customer],
      );
      if (row?.membership_id) return this.member(row.membership_id).catch(() => null);
      return row?.email ? this.byEmail(row.email) : null;
    }
    return typeof object.customer_email === 'string' && object.customer_email ? this.byEmail(object.customer_email) : null;
  }

  /** Recomputes the subject's entitlements and publishes `entitlements.changed` when they differ from the last ones sent. */
  private async publishIfChanged(subject: Subject): Promise<void> {
    const entitlements = await this.compute(subject);
    const { customerIds: _counted, ...shown } = entitlements;
    const fingerprint = createHash('sha256').update(JSON.stringify(shown)).digest('hex');
    const [changed] = await this.db.query(
      `insert into billing_entitlement_states (tenant_id, subject, fingerprint) values ($1, $2, $3)
       on conflict (tenant_id, subject) do update set fingerprint = excluded.fingerprint, updated_at = now()
         where billing_entitlement_states.fingerprint <> excluded.fingerprint
       returning 1 as changed`,
      [this.db.tenantId(), subjectKey(subject), fingerprint],
    );
    if (changed) await this.webhooks.publish('entitlements.changed', entitlements);
  }

  private async member(memberId: string): Promise<Subject> {
    const [row] = await this.db.query<{ id: string; email: string }>(
      `select m.id, lower(u.email) as email from memberships m join users u on u.id = m.user_id where m.tenant_id = $1 and m.id = $2`,
      [this.db.tenantId(), memberId],
    );
    if (!row) throw Problems.notFound('Member');
    return { memberId: row.id, email: row.email };
  }

  private async byEmail(email: string): Promise<Subject> {
    const lower = email.toLowerCase();
    const [row] = await this.db.query<{ id: string }>(
      `select m.id from memberships m join users u on u.id = m.user_id where m.tenant_id = $1 and lower(u.email) = $2 order by m.created_at limit 1`,
      [this.db.tenantId(), lower],
    );
    return { memberId: row?.id ?? null, email: lower };
  }

  private async compute(subject: Subject): Promise<EntitlementsDto> {
    const rows = await this.db.query<Row>(HOLDINGS, [this.db.tenantId(), subject.memberId, subject.email]);
    // A subscription the dunning policy suspended grants nothing until a payment of it succeeds.
    const suspended = rows.filter((r) => r.access_suspended_at).sort((a, b) => b.access_suspended_at - a.access_suspended_at)[0] ?? null;
    const products: EntitledProductDto[] = rows
      .filter((r) => r.source !== 'customers' && !r.access_suspended_at)
      .map((r) => {
        const ending = r.source === 'subscription' && (r.cancel_at_period_end || r.cancel_at !== null);
        const until = r.source === 'subscription' ? (r.cancel_at && (!r.current_period_end || r.cancel_at < r.current_period_end) ? r.cancel_at : r.current_period_end) : null;
        return {
          productId: r.product_id ?? null,
          stripeProductId: r.product_stripe_id ?? null,
          name: r.product_name ?? null,
          source: r.source,
          status: r.status,
          accessUntil: isoOrNull(until),
          renews: r.source === 'subscription' && !ending,
          features: features(r.features),
        };
      })
      .sort((a, b) => (RANK[b.status] ?? 0) - (RANK[a.status] ?? 0) || String(b.accessUntil).localeCompare(String(a.accessUntil)) || String(a.stripeProductId).localeCompare(String(b.stripeProductId)));
    const subscriptions = products.filter((p) => p.source === 'subscription');
    const latest = subscriptions.reduce<EntitledProductDto | null>((best, p) => (!best || String(p.accessUntil) > String(best.accessUntil) ? p : best), null);
    const status = products.reduce((best, p) => ((RANK[p.status] ?? 0) > (RANK[best] ?? 0) ? p.status : best), suspended ? 'suspended' : 'none');
    return {
      memberId: subject.memberId,
      email: subject.email,
      customerIds: ((rows[0]?.customer_ids as string[] | null) ?? []).slice().sort(),
      active: products.length > 0,
      status,
      plan: latest ? { productId: latest.productId, name: latest.name } : null,
      accessUntil: latest?.accessUntil ?? null,
      lifetime: products.some((p) => p.source === 'purchase'),
      features: [...new Set(products.flatMap((p) => p.features))].sort(),
      products,
      accessSuspendedAt: suspended ? isoOrNull(suspended.access_suspended_at) : null,
      accessSuspendedReason: suspended?.access_suspended_reason ?? null,
    };
  }
}
