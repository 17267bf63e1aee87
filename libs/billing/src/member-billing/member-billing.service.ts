import { Injectable } from '@nestjs/common';
import { Problems } from '@app/core';
import { Db } from '@app/database';
import { BillingOperation } from '../catalog/billing-operation';
import { EntitlementsService } from '../entitlements/entitlements.service';
import { StripeGateway } from '../gateway/stripe-gateway';
import { BillingInvoicesService } from '../invoices/invoices.service';
import type { BillingInvoiceDto, BillingInvoiceLinksDto } from '../invoices/invoices.dto';
import { SubscriptionActionsService } from '../subscriptions/subscription-actions.service';
import { BillingSubscriptionsService } from '../subscriptions/subscriptions.service';
import type { BillingSubscriptionDto } from '../subscriptions/subscriptions.dto';
import type { MemberBillingDto, MemberSubscriptionCancelDto } from './member-billing.dto';

type Query = (sql: string, params: unknown[]) => Promise<Array<Record<string, any>>>;

/** The caller's membership of the tenant. */
interface Member {
  tenantId: string;
  membershipId: string;
  email: string;
}

/**
 * The caller's own customers ($1 tenant, $2 membership, $3 email): the ones linked to their membership, and
 * those with their email that nobody is linked to yet (the same customer their own checkout would use).
 */
const OWN_CUSTOMERS = `select c.id, c.stripe_account, c.stripe_id from billing_customers c
  where c.tenant_id = $1 and c.deleted_at is null and (c.membership_id = $2::uuid or (c.membership_id is null and lower(c.email) = lower($3)))`;

/** Statuses Stripe still bills (or may bill again): listed before the ended ones. */
const BILLED = `'{trialing,active,past_due,unpaid,paused,incomplete}'::text[]`;
const DUE = new Set(['past_due', 'unpaid']);
const SHOWN_SUBSCRIPTIONS = 20;
const SHOWN_INVOICES = 10;
/** What a member sees of their invoices: drafts are still being written by staff. */
const SENT_INVOICES = ['open', 'paid', 'void', 'uncollectible'];

/**
 * A member's own billing: what they hold, their subscriptions and invoices, and the two changes they may
 * make themselves (cancel at period end, undo it) through staff's actions, so each is the same audited
 * Stripe call, with the member as its actor. Nothing here reaches another member's data: every id is
 * checked against the caller's own customers first (another one's is a 404).
 */
@Injectable()
export class MemberBillingService {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly operation: BillingOperation,
    private readonly entitlements: EntitlementsService,
    private readonly subscriptions: BillingSubscriptionsService,
    private readonly invoices: BillingInvoicesService,
    private readonly actions: SubscriptionActionsService,
  ) {}

  async overview(): Promise<MemberBillingDto> {
    this.gateway.assertConfigured();
    const query: Query = (sql, params) => this.db.query(sql, params);
    const member = await this.member(query);
    const customers = await query(OWN_CUSTOMERS, [member.tenantId, member.membershipId, member.email]);
    const ids = await query(
      `with own as (${OWN_CUSTOMERS})
       select s.id from billing_subscriptions s join own c on c.stripe_account = s.stripe_account and c.stripe_id = s.customer
        where s.tenant_id = $1 order by s.status = any(${BILLED}) desc, s.created_at desc, s.id desc limit ${SHOWN_SUBSCRIPTIONS}`,
      [member.tenantId, member.membershipId, member.email],
    );
    const subscriptions: BillingSubscriptionDto[] = [];
    for (const { id } of ids) subscriptions.push(await this.subscriptions.get(id));
    const invoices: BillingInvoiceDto[] = [];
    for (const customer of customers) {
      invoices.push(...(await this.invoices.list({ customerId: customer.id, status: SENT_INVOICES, limit: SHOWN_INVOICES })).data);
    }
    invoices.sort((a, b) => (b.stripeCreatedAt ?? b.createdAt).localeCompare(a.stripeCreatedAt ?? a.createdAt) || b.id.localeCompare(a.id));
    const due = subscriptions.find((s) => DUE.has(s.status));
    const failing = due ? (await this.invoices.list({ subscriptionId: due.id, status: ['open'], limit: 1 })).data[0] ?? null : null;
    return {
      entitlements: await this.entitlements.get({ memberId: member.membershipId }),
      subscriptions,
      invoices: invoices.slice(0, SHOWN_INVOICES),
      pastDue: due ? { subscriptionId: due.id, status: due.status, invoice: failing } : null,
    };
  }

  async cancel(id: string, body: MemberSubscriptionCancelDto, clientKey?: string): Promise<BillingSubscriptionDto> {
    await this.assertOwnSubscription(id);
    return this.actions.cancel(id, { atPeriodEnd: true, reason: body.reason, feedback: body.feedback }, clientKey);
  }

  async undoCancel(id: string, clientKey?: string): Promise<BillingSubscriptionDto> {
    await this.assertOwnSubscription(id);
    return this.actions.undoCancel(id, clientKey);
  }

  /** The hosted page and PDF of one of the caller's invoices, read from Stripe as staff's links are. */
  async invoiceLinks(id: string): Promise<BillingInvoiceLinksDto> {
    await this.operation.tx(async (manager) => {
      const query: Query = (sql, params) => manager.query(sql, params);
      const member = await this.member(query);
      const [own] = await query(
        `with own as (${OWN_CUSTOMERS})
         select 1 from billing_invoices i join own c on c.stripe_account = i.stripe_account and c.stripe_id = i.customer
          where i.tenant_id = $1 and i.id = $4 and i.status = any($5::text[])`,
        [member.tenantId, member.membershipId, member.email, id, SENT_INVOICES],
      );
      if (!own) throw Problems.notFound('Invoice');
    });
    return this.invoices.links(id);
  }

  /** 404 unless the subscription belongs to one of the caller's customers (checked in its own short transaction). */
  private assertOwnSubscription(id: string): Promise<void> {
    return this.operation.tx(async (manager) => {
      const query: Query = (sql, params) => manager.query(sql, params);
      const member = await this.member(query);
      const [own] = await query(
        `with own as (${OWN_CUSTOMERS})
         select 1 from billing_subscriptions s join own c on c.stripe_account = s.stripe_account and c.stripe_id = s.customer
          where s.tenant_id = $1 and s.id = $4`,
        [member.tenantId, member.membershipId, member.email, id],
      );
      if (!own) throw Problems.notFound('Subscription');
    });
  }

  /** The signed-in person's active membership; an API key is nobody's own account. */
  private async member(query: Query): Promise<Member> {
    const principal = this.operation.principal();
    if (principal.apiKeyId || !principal.sessionId) throw Problems.forbidden('Your own billing is for signed-in members; API keys cannot use it.');
    const [row] = await query(
      `select m.id, u.email from memberships m join users u on u.id = m.user_id where m.tenant_id = $1 and m.user_id = $2 and m.active`,
      [principal.tenantId, principal.userId],
    );
    if (!row) throw Problems.forbidden('Only members of the business have their own billing.');
    return { tenantId: principal.tenantId, membershipId: row.id, email: row.email };
  }
}
