import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { Db } from '@app/database';
import type { StripeEvent, StripeObject } from './stripe-event';
import { stripeNotConfigured } from './stripe-not-configured';
import { idempotencyKey, productCreateParams, productUpdateParams, refused } from './stripe-call';
import { PlatformStripe } from './platform-stripe';

export { idempotencyKey };

/** Stripe's default tolerance: a signature older than this is refused (replayed deliveries). */
const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * How a tenant sells: through its own connected account (Stripe Connect) or on the platform account.
 * Resolved by the gateway; callers never look at it.
 */
interface TenantMode {
  tenantId: string;
  connectedAccountId: string | null;
  platformFeeBps: number;
}

/** Stripe resources whose list the sync reads (SDK property names). */
/** Stripe's actions on an invoice that staff can take. */
export type InvoiceAction = 'finalize' | 'send' | 'void' | 'markUncollectible' | 'pay';

export type StripeListResource = 'customers' | 'products' | 'prices' | 'subscriptions' | 'invoices' | 'charges' | 'paymentIntents' | 'refunds' | 'disputes' | 'events' | 'coupons' | 'promotionCodes';

export interface StripeListPage {
  limit: number;
  startingAfter?: string | null;
  createdGte?: Date | null;
  /** Further list parameters the kind needs (subscriptions: `{ status: 'all' }`, or Stripe lists only live ones; `expand`). */
  params?: Record<string, string | string[]>;
}

/** A Stripe account as the Connect onboarding sees it. */
export interface StripeAccountState {
  id: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  requirements: Record<string, unknown>;
  livemode: boolean;
}

export function toAccountState(account: StripeObject): StripeAccountState {
  return {
    id: account.id,
    chargesEnabled: account.charges_enabled === true,
    payoutsEnabled: account.payouts_enabled === true,
    detailsSubmitted: account.details_submitted === true,
    requirements: (account.requirements as Record<string, unknown> | undefined) ?? {},
    livemode: account.livemode === true,
  };
}

/**
 * Stripe calls on behalf of one tenant. Every mutating call takes our operation id (an outbox id, a
 * request's id for a one-off link...) and sends an Idempotency-Key derived from it, so a retried job or
 * request never repeats an effect in Stripe.
 */
export class TenantStripe {
  constructor(
    private readonly stripe: Stripe,
    private readonly mode: TenantMode,
  ) {}

  /** Every object we create carries its tenant, so platform-account events route back to it. */
  metadata(extra: Record<string, string> = {}): Record<string, string> {
    return { ...extra, tenant_id: this.mode.tenantId };
  }

  /** The connected account this tenant's objects live in; null: the platform account. */
  get account(): string | null {
    return this.mode.connectedAccountId;
  }

  /** Whether objects of this tenant share the platform account with other tenants (told apart by metadata.tenant_id). */
  get onPlatformAccount(): boolean {
    return this.mode.connectedAccountId === null;
  }

  /**
   * One page of a Stripe list (newest first) in the tenant's account: `limit` objects after
   * `startingAfter`, created at or after `createdGte` when given. Reads only: no idempotency key.
   */
  async listPage(resource: StripeListResource, page: StripeListPage): Promise<{ data: StripeObject[]; hasMore: boolean }> {
    const params: Record<string, unknown> = { ...page.params, limit: page.limit };
    if (page.startingAfter) params.starting_after = page.startingAfter;
    if (page.createdGte) params.created = { gte: Math.floor(page.createdGte.getTime() / 1000) };
    const options: Stripe.RequestOptions = this.mode.connectedAccountId ? { stripeAccount: this.mode.connectedAccountId } : {};
    const list = (await (this.stripe[resource] as unknown as { list(p: unknown, o: Stripe.RequestOptions): Promise<{ data: unknown[]; has_more: boolean }> }).list(params, options));
    return { data: list.data as StripeObject[], hasMore: list.has_more };
  }

  /** The platform's fee on a payment of `amount` minor units (connected accounts only; rounded down). */
  applicationFeeAmount(amount: number): number | undefined {
    if (!this.mode.connectedAccountId) return undefined;
    return Math.floor((amount * this.mode.platformFeeBps) / 10_000);
  }

  private options(operation: string, operationId: string): Stripe.RequestOptions {
    return {
      idempotencyKey: idempotencyKey(operation, operationId),
      ...(this.mode.connectedAccountId ? { stripeAccount: this.mode.connectedAccountId } : {}),
    };
  }

  /** Reads carry no idempotency key, only the account the object lives in. */
  private readOptions(account?: string | null): Stripe.RequestOptions {
    const stripeAccount = account === undefined ? this.mode.connectedAccountId : account;
    return stripeAccount ? { stripeAccount } : {};
  }

  /** For the platform account's own objects (Connect accounts themselves live there). */
  private platformOptions(operation: string, operationId: string): Stripe.RequestOptions {
    return { idempotencyKey: idempotencyKey(operation, operationId) };
  }

  async createConnectedAccount(operationId: string): Promise<StripeAccountState> {
    const account = await this.stripe.accounts.create(
      { type: 'express', metadata: this.metadata() },
      this.platformOptions('account.create', operationId),
    );
    return toAccountState(account as unknown as StripeObject);
  }

  async createOnboardingLink(operationId: string, accountId: string, refreshUrl: string, returnUrl: string): Promise<{ url: string; expiresAt: Date }> {
    const link = await this.stripe.accountLinks.create(
      { account: accountId, refresh_url: refreshUrl, return_url: returnUrl, type: 'account_onboarding' },
      this.platformOptions('account_link.create', operationId),
    );
    return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
  }

  /** A customer in the tenant's account (connected) or on the platform account, tagged with the tenant. */
  async createCustomer(operationId: string, input: { email?: string | null; name?: string | null; metadata?: Record<string, string> }): Promise<StripeObject> {
    const customer = await this.stripe.customers.create(
      { ...(input.email ? { email: input.email } : {}), ...(input.name ? { name: input.name } : {}), metadata: this.metadata(input.metadata) },
      this.options('customer.create', operationId),
    );
    return customer as unknown as StripeObject;
  }

  async createProduct(operationId: string, input: { name: string; description?: string | null; features?: string[]; metadata?: Record<string, string> }): Promise<StripeObject> {
    const product = await refused(() => this.stripe.products.create(
      productCreateParams(input, this.metadata(input.metadata)),
      this.options('product.create', operationId),
    ));
    return product as unknown as StripeObject;
  }

  /** The platform's share of a subscription, in percent (connected accounts only). */
  applicationFeePercent(): number | undefined {
    if (!this.mode.connectedAccountId) return undefined;
    return this.mode.platformFeeBps / 100;
  }

  async updateProduct(operationId: string, stripeId: string, input: { name?: string; description?: string; features?: string[]; active?: boolean }): Promise<StripeObject> {
    const product = await refused(() => this.stripe.products.update(
      stripeId,
      productUpdateParams(input),
      this.options('product.update', operationId),
    ));
    return product as unknown as StripeObject;
  }

  async createPrice(
    operationId: string,
    input: { product: string; currency: string; unitAmount: number; interval: 'month' | 'year' | null; trialPeriodDays: number | null; taxBehavior: string | null; nickname: string | null; metadata?: Record<string, string> },
  ): Promise<StripeObject> {
    const price = await refused(() => this.stripe.prices.create(
      {
        product: input.product,
        currency: input.currency.toLowerCase(),
        unit_amount: input.unitAmount,
        ...(input.interval ? { recurring: { interval: input.interval, ...(input.trialPeriodDays ? { trial_period_days: input.trialPeriodDays } : {}) } } : {}),
        ...(input.taxBehavior ? { tax_behavior: input.taxBehavior as Stripe.PriceCreateParams.TaxBehavior } : {}),
        ...(input.nickname ? { nickname: input.nickname } : {}),
        metadata: this.metadata(input.metadata),
      },
      this.options('price.create', operationId),
    ));
    return price as unknown as StripeObject;
  }

  async updatePrice(operationId: string, stripeId: string, input: { active?: boolean; nickname?: string }): Promise<StripeObject> {
    const price = await refused(() => this.stripe.prices.update(
      stripeId,
      { ...(input.active !== undefined ? { active: input.active } : {}), ...(input.nickname !== undefined ? { nickname: input.nickname } : {}) },
      this.options('price.update', operationId),
    ));
    return price as unknown as StripeObject;
  }

  async updateCustomer(operationId: string, stripeId: string, input: { email?: string; name?: string }): Promise<StripeObject> {
    const customer = await refused(() => this.stripe.customers.update(
      stripeId,
      { ...(input.email !== undefined ? { email: input.email } : {}), ...(input.name !== undefined ? { name: input.name } : {}) },
      this.options('customer.update', operationId),
    ));
    return customer as unknown as StripeObject;
  }

  /** The id of the active promotion code with this customer-facing code, or null. */
  async findPromotionCode(code: string): Promise<string | null> {
    const list = await refused(() => this.stripe.promotionCodes.list(
      { code, active: true, limit: 1 },
      this.mode.connectedAccountId ? { stripeAccount: this.mode.connectedAccountId } : {},
    ));
    return list.data[0]?.id ?? null;
  }

  async createCheckoutSession(operationId: string, params: Stripe.Checkout.SessionCreateParams): Promise<{ id: string; url: string; expiresAt: Date }> {
    const session = await refused(() => this.stripe.checkout.sessions.create(
      { ...params, metadata: this.metadata(params.metadata as Record<string, string> | undefined) },
      this.options('checkout_session.create', operationId),
    ));
    return { id: session.id, url: session.url ?? '', expiresAt: new Date(session.expires_at * 1000) };
  }

  async createPortalSession(operationId: string, customer: string, returnUrl: string): Promise<{ id: string; url: string }> {
    const session = await refused(() => this.stripe.billingPortal.sessions.create({ customer, return_url: returnUrl }, this.options('portal_session.create', operationId)));
    return { id: session.id, url: session.url };
  }

  /**
   * A subscription staff create for a customer: one item, collected by charging the customer's payment
   * method or by emailed invoices; never blocked on a missing payment method (it starts incomplete, or
   * active when nothing is due). On a connected account it carries the platform's share.
   */
  async createSubscription(
    operationId: string,
    input: { customer: string; price: string; quantity: number; collectionMethod: 'charge_automatically' | 'send_invoice'; daysUntilDue: number | null; trialDays: number | null; coupon: string | null; metadata: Record<string, string> },
  ): Promise<StripeObject> {
    const fee = input.coupon ? undefined : this.applicationFeePercent();
    const subscription = await refused(() => this.stripe.subscriptions.create(
      {
        customer: input.customer,
        items: [{ price: input.price, quantity: input.quantity }],
        collection_method: input.collectionMethod,
        ...(input.daysUntilDue !== null ? { days_until_due: input.daysUntilDue } : {}),
        ...(input.trialDays !== null ? { trial_period_days: input.trialDays } : {}),
        // Expanded, so the mirror learns the discount's coupon and dates from the answer.
        ...(input.coupon ? { discounts: [{ coupon: input.coupon }], expand: ['discounts'] } : {}),
        ...(fee !== undefined ? { application_fee_percent: fee } : {}),
        payment_behavior: 'allow_incomplete',
        metadata: this.metadata(input.metadata),
      },
      this.options('subscription.create', operationId),
    ));
    return subscription as unknown as StripeObject;
  }

  /** Changes a subscription (cancel at period end, pause or resume collection, trial end, items). */
  async updateSubscription(operationId: string, stripeId: string, params: SubscriptionUpdateParams): Promise<StripeObject> {
    const subscription = await refused(() => this.stripe.subscriptions.update(stripeId, params, this.options('subscription.update', operationId)));
    return subscription as unknown as StripeObject;
  }

  /** Cancels a subscription now (Stripe answers it canceled); `details` say why. */
  async cancelSubscription(operationId: string, stripeId: string, details: SubscriptionCancellationDetails): Promise<StripeObject> {
    const subscription = await refused(() => this.stripe.subscriptions.cancel(stripeId, { cancellation_details: details }, this.options('subscription.cancel', operationId)));
    return subscription as unknown as StripeObject;
  }

  /** The invoice Stripe would issue for a change (a proration preview); changes nothing. */
  async previewInvoice(operationId: string, params: InvoicePreviewParams): Promise<StripeObject> {
    const invoice = await refused(() => this.stripe.invoices.createPreview(params, this.options('invoice.preview', operationId)));
    return invoice as unknown as StripeObject;
  }

  /**
   * Re-fetches a charge (webhook payloads carry only its id on a payment intent), from `account` when
   * given (the account an event came from), else the tenant's own.
   */
  async retrieveCharge(chargeId: string, account?: string | null): Promise<StripeObject> {
    const charge = await this.stripe.charges.retrieve(chargeId, {}, this.readOptions(account));
    return charge as unknown as StripeObject;
  }

  /**
   * Refunds a payment (its intent, or a charge made without one): `amount` minor units, or what is left
   * when omitted. The answer carries the charge expanded, so its refunded amount is known at once.
   */
  async createRefund(
    operationId: string,
    input: { paymentIntent: string | null; charge: string | null; amount: number; reason: 'requested_by_customer' | 'duplicate' | 'fraudulent'; metadata?: Record<string, string> },
  ): Promise<StripeObject> {
    const refund = await refused(() => this.stripe.refunds.create(
      {
        ...(input.paymentIntent ? { payment_intent: input.paymentIntent } : { charge: input.charge ?? undefined }),
        amount: input.amount,
        reason: input.reason,
        metadata: this.metadata(input.metadata),
        expand: ['charge'],
      },
      this.options('refund.create', operationId),
    ));
    return refund as unknown as StripeObject;
  }

  /** A Checkout session's line items (never in webhook payloads), first 100. */
  async listCheckoutSessionLineItems(sessionId: string, account?: string | null): Promise<StripeObject[]> {
    const lines = await this.stripe.checkout.sessions.listLineItems(sessionId, { limit: 100 }, this.readOptions(account));
    return lines.data as unknown as StripeObject[];
  }

  async retrieveCustomer(customerId: string): Promise<StripeObject> {
    const customer = await refused(() => this.stripe.customers.retrieve(customerId, {}, this.readOptions()));
    return customer as unknown as StripeObject;
  }

  /** A customer's balance ledger, newest first: `limit` after `startingAfter`. Reads only. */
  async listBalanceTransactions(customerId: string, account: string | null, page: { limit: number; startingAfter: string | null }): Promise<{ data: StripeObject[]; hasMore: boolean }> {
    const list = await refused(() => this.stripe.customers.listBalanceTransactions(
      customerId,
      { limit: page.limit, ...(page.startingAfter ? { starting_after: page.startingAfter } : {}) },
      this.readOptions(account),
    ));
    return { data: list.data as unknown as StripeObject[], hasMore: list.has_more };
  }

  /** A credit (negative `amount`) or debit of a customer's balance, with its reason. */
  async createBalanceTransaction(operationId: string, customerId: string, input: { amount: number; currency: string; description: string }): Promise<StripeObject> {
    const transaction = await refused(() => this.stripe.customers.createBalanceTransaction(
      customerId,
      { amount: input.amount, currency: input.currency, description: input.description, metadata: this.metadata() },
      this.options('customer_balance.create', operationId),
    ));
    return transaction as unknown as StripeObject;
  }

  /** An invoice as Stripe holds it now (with its first lines), from `account` when given, else the tenant's own. */
  async retrieveInvoice(invoiceId: string, account?: string | null): Promise<StripeObject> {
    const invoice = await refused(() => this.stripe.invoices.retrieve(invoiceId, {}, this.readOptions(account)));
    return invoice as unknown as StripeObject;
  }

  /** One of Stripe's invoice actions; each keyed by our operation, so a retry acts once. */
  async invoiceAction(operationId: string, action: InvoiceAction, invoiceId: string): Promise<StripeObject> {
    const options = this.options(`invoice.${action}`, operationId);
    const invoices = this.stripe.invoices;
    const invoice = await refused(() => {
      switch (action) {
        case 'finalize': return invoices.finalizeInvoice(invoiceId, { auto_advance: false }, options);
        case 'send': return invoices.sendInvoice(invoiceId, {}, options);
        case 'void': return invoices.voidInvoice(invoiceId, {}, options);
        case 'markUncollectible': return invoices.markUncollectible(invoiceId, {}, options);
        case 'pay': return invoices.pay(invoiceId, {}, options);
      }
    });
    return invoice as unknown as StripeObject;
  }

  /**
   * A draft invoice of only the items added to it afterwards (not the customer's pending ones), left for
   * staff to finalize; on a connected account it carries the platform's fee on `total`.
   */
  async createInvoice(
    operationId: string,
    input: { customer: string; currency: string; collectionMethod: 'send_invoice' | 'charge_automatically'; daysUntilDue: number | null; description: string | null; total: number },
  ): Promise<StripeObject> {
    const fee = this.applicationFeeAmount(input.total);
    const invoice = await refused(() => this.stripe.invoices.create(
      {
        customer: input.customer,
        currency: input.currency,
        collection_method: input.collectionMethod,
        ...(input.daysUntilDue !== null ? { days_until_due: input.daysUntilDue } : {}),
        ...(input.description ? { description: input.description } : {}),
        ...(fee !== undefined ? { application_fee_amount: fee } : {}),
        auto_advance: false,
        pending_invoice_items_behavior: 'exclude',
        metadata: this.metadata(),
      },
      this.options('invoice.create', operationId),
    ));
    return invoice as unknown as StripeObject;
  }

  async createInvoiceItem(operationId: string, input: { customer: string; invoice: string; currency: string; description: string; unitAmount: number; quantity: number }): Promise<StripeObject> {
    const item = await refused(() => this.stripe.invoiceItems.create(
      {
        customer: input.customer,
        invoice: input.invoice,
        currency: input.currency,
        description: input.description,
        quantity: input.quantity,
        unit_amount_decimal: Stripe.Decimal.from(input.unitAmount),
        metadata: this.metadata(),
      },
      this.options('invoice_item.create', operationId),
    ));
    return item as unknown as StripeObject;
  }

  /** A coupon in the tenant's account; Stripe's terms are fixed once created (only name and metadata change). */
  async createCoupon(operationId: string, params: CouponCreateParams): Promise<StripeObject> {
    const coupon = await refused(() => this.stripe.coupons.create({ ...params, metadata: this.metadata() }, this.options('coupon.create', operationId)));
    return coupon as unknown as StripeObject;
  }

  /** Deletes a coupon (only ever one nobody redeemed): Stripe answers `{ id, deleted: true }`. */
  async deleteCoupon(operationId: string, stripeId: string): Promise<StripeObject> {
    const deleted = await refused(() => this.stripe.coupons.del(stripeId, {}, this.options('coupon.delete', operationId)));
    return deleted as unknown as StripeObject;
  }

  /** A customer-facing code for a coupon (`promotion[type]=coupon`, the newer API's shape). */
  async createPromotionCode(operationId: string, params: PromotionCodeCreateParams): Promise<StripeObject> {
    const code = await refused(() => this.stripe.promotionCodes.create({ ...params, metadata: this.metadata() }, this.options('promotion_code.create', operationId)));
    return code as unknown as StripeObject;
  }

  async setPromotionCodeActive(operationId: string, stripeId: string, active: boolean): Promise<StripeObject> {
    const code = await refused(() => this.stripe.promotionCodes.update(stripeId, { active }, this.options('promotion_code.update', operationId)));
    return code as unknown as StripeObject;
  }

  /** Removes a subscription's discount, then answers the subscription as Stripe now holds it. */
  async removeSubscriptionDiscount(operationId: string, stripeId: string): Promise<StripeObject> {
    await refused(() => this.stripe.subscriptions.deleteDiscount(stripeId, {}, this.options('subscription.delete_discount', operationId)));
    const subscription = await refused(() => this.stripe.subscriptions.retrieve(stripeId, {}, this.readOptions()));
    return subscription as unknown as StripeObject;
  }
}

export type CheckoutSessionParams = Stripe.Checkout.SessionCreateParams;
export type CouponCreateParams = Stripe.CouponCreateParams;
export type PromotionCodeCreateParams = Stripe.PromotionCodeCreateParams;
export type SubscriptionUpdateParams = Stripe.SubscriptionUpdateParams;
export type SubscriptionCancellationDetails = Stripe.SubscriptionCancelParams.CancellationDetails;
export type InvoicePreviewParams = Stripe.InvoiceCreatePreviewParams;

/**
 * The one door to Stripe: the only code that imports the SDK. Built from config (STRIPE_SECRET_KEY,
 * STRIPE_API_BASE); without a key every call answers `stripe-not-configured`.
 */
@Injectable()
export class StripeGateway {
  private readonly stripe: Stripe | null;
  private readonly webhookSecrets: string[];
  /** Only for signature checks: the SDK's webhook helpers need no key or network. */
  private readonly verifier: Stripe;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: Db,
  ) {
    const base = config.stripeApiBase;
    const host = base ? { host: base.hostname, port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)), protocol: base.protocol.replace(':', '') as 'http' | 'https' } : {};
    this.stripe = config.stripeSecretKey ? new Stripe(config.stripeSecretKey, { ...host, maxNetworkRetries: 2, timeout: 20_000, telemetry: false }) : null;
    this.verifier = this.stripe ?? new Stripe('sk_test_verifier', { telemetry: false });
    this.webhookSecrets = [config.stripeWebhookSecret, config.stripeWebhookSecretPrevious].filter((s): s is string => Boolean(s));
  }

  get configured(): boolean {
    return this.stripe !== null;
  }

  /** Throws `stripe-not-configured` when billing is off. */
  assertConfigured(): void {
    if (!this.stripe) throw stripeNotConfigured();
  }

  get webhooksConfigured(): boolean {
    return this.webhookSecrets.length > 0;
  }

  /**
   * The event of a webhook delivery, if `signature` signs `payload` with the current secret or, during
   * a rotation, the previous one (within the 300 s tolerance); null otherwise.
   */
  verifyWebhook(payload: Buffer, signature: string | undefined): StripeEvent | null {
    if (!signature) return null;
    for (const secret of this.webhookSecrets) {
      try {
        return this.verifier.webhooks.constructEvent(payload, signature, secret, SIGNATURE_TOLERANCE_SECONDS) as unknown as StripeEvent;
      } catch {
        // try the next secret
      }
    }
    return null;
  }

  /** Stripe for the platform's own selling (plans sold to tenants): the platform account, no tenant mode. */
  forPlatform(): PlatformStripe {
    this.assertConfigured();
    return new PlatformStripe(this.stripe!);
  }

  /** Stripe for one tenant, in its mode (connected account or platform account), in the current transaction. */
  async forTenant(tenantId: string): Promise<TenantStripe> {
    this.assertConfigured();
    const [row] = await this.db.manager().query(
      `select a.account_id, (t.settings->>'platformFeeBps')::int as fee_bps
         from tenants t left join stripe_accounts a on a.tenant_id = t.id where t.id = $1`,
      [tenantId],
    );
    return new TenantStripe(this.stripe!, { tenantId, connectedAccountId: row?.account_id ?? null, platformFeeBps: row?.fee_bps ?? 0 });
  }
}
