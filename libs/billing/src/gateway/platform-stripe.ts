import type Stripe from 'stripe';
import type { StripeObject } from './stripe-event';
import { idempotencyKey, productCreateParams, productUpdateParams, refused } from './stripe-call';

/** Marks every object of the plans the platform sells to tenants, so webhooks never mirror them into a tenant's own billing. */
export const PLATFORM_PLAN_MARKER = { platform_plan: 'true' } as const;

/**
 * Stripe calls for the platform's own selling (plans sold to tenants): always on the platform account,
 * never with Stripe-Account. Only the plan subscription carries `metadata.tenant_id` (so its events
 * route to the tenant); products, prices, customers and Checkout sessions do not, so no tenant mirror
 * ever picks them up.
 */
export class PlatformStripe {
  constructor(private readonly stripe: Stripe) {}

  private options(operation: string, operationId: string): Stripe.RequestOptions {
    return { idempotencyKey: idempotencyKey(`platform.${operation}`, operationId) };
  }

  async createProduct(operationId: string, input: { name: string; description?: string | null; features?: string[]; planKey: string }): Promise<StripeObject> {
    const product = await refused(() => this.stripe.products.create(
      productCreateParams(input, { ...PLATFORM_PLAN_MARKER, plan_key: input.planKey }),
      this.options('product.create', operationId),
    ));
    return product as unknown as StripeObject;
  }

  async updateProduct(operationId: string, stripeId: string, input: { name?: string; description?: string; features?: string[]; active?: boolean }): Promise<StripeObject> {
    const product = await refused(() => this.stripe.products.update(
      stripeId,
      productUpdateParams(input),
      this.options('product.update', operationId),
    ));
    return product as unknown as StripeObject;
  }

  async createPrice(operationId: string, input: { product: string; currency: string; unitAmount: number; interval: 'month' | 'year'; replaces?: string | null }): Promise<StripeObject> {
    const price = await refused(() => this.stripe.prices.create(
      {
        product: input.product,
        currency: input.currency.toLowerCase(),
        unit_amount: input.unitAmount,
        recurring: { interval: input.interval },
        metadata: { ...PLATFORM_PLAN_MARKER, ...(input.replaces ? { replaces_price: input.replaces } : {}) },
      },
      this.options('price.create', operationId),
    ));
    return price as unknown as StripeObject;
  }

  async archivePrice(operationId: string, stripeId: string): Promise<StripeObject> {
    const price = await refused(() => this.stripe.prices.update(stripeId, { active: false }, this.options('price.update', operationId)));
    return price as unknown as StripeObject;
  }

  /** The tenant's one customer on the platform account (tagged `platform_tenant_id`, not `tenant_id`). */
  async createCustomer(operationId: string, input: { tenantId: string; email: string; name: string }): Promise<StripeObject> {
    const customer = await refused(() => this.stripe.customers.create(
      { email: input.email, name: input.name, metadata: { platform_tenant_id: input.tenantId } },
      this.options('customer.create', operationId),
    ));
    return customer as unknown as StripeObject;
  }

  /** A subscription Checkout for a plan price; the subscription carries the tenant and the plan marker. */
  async createPlanCheckout(
    operationId: string,
    input: { tenantId: string; customer: string; price: string; successUrl: string; cancelUrl: string },
  ): Promise<{ id: string; url: string; expiresAt: Date }> {
    const session = await refused(() => this.stripe.checkout.sessions.create(
      {
        mode: 'subscription',
        customer: input.customer,
        client_reference_id: input.tenantId,
        line_items: [{ price: input.price, quantity: 1 }],
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
        metadata: { ...PLATFORM_PLAN_MARKER, platform_tenant_id: input.tenantId },
        subscription_data: { metadata: { ...PLATFORM_PLAN_MARKER, tenant_id: input.tenantId } },
      },
      this.options('checkout_session.create', operationId),
    ));
    return { id: session.id, url: session.url ?? '', expiresAt: new Date(session.expires_at * 1000) };
  }

  async createPortalSession(operationId: string, customer: string, returnUrl: string): Promise<{ id: string; url: string }> {
    const session = await refused(() => this.stripe.billingPortal.sessions.create({ customer, return_url: returnUrl }, this.options('portal_session.create', operationId)));
    return { id: session.id, url: session.url };
  }

  /**
   * Every subscription of one platform customer, canceled ones included (the reconciliation of plan
   * subscriptions). A tenant has a handful: pages of 100, at most 10 of them.
   */
  async listCustomerSubscriptions(customer: string): Promise<StripeObject[]> {
    const all: StripeObject[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const list = await refused(() => this.stripe.subscriptions.list({ customer, status: 'all', limit: 100, ...(after ? { starting_after: after } : {}) }));
      all.push(...(list.data as unknown as StripeObject[]));
      if (!list.has_more || list.data.length === 0) break;
      after = list.data[list.data.length - 1].id;
    }
    return all;
  }
}
