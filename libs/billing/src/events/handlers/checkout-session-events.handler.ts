import { Injectable } from '@nestjs/common';
import { StripeGateway } from '../../gateway/stripe-gateway';
import { upsertCheckoutSession } from '../../mirror/checkout-sessions';
import { applyPaylinkCheckoutSession } from '../../paylinks/paylink-uses';
import { stateKindOf, type StripeEventContext, type StripeEventHandler } from '../stripe-event-handler';

/**
 * A Checkout session completed, expired, or its delayed payment succeeded or failed. Webhook payloads
 * never carry line items, so a completed session's are re-fetched from Stripe for the price summary
 * (pay links read it). A pay link's session also confirms (paid) or releases (expired, payment failed)
 * the use it reserved.
 */
@Injectable()
export class CheckoutSessionEventsHandler implements StripeEventHandler {
  readonly types = ['checkout.session.completed', 'checkout.session.expired', 'checkout.session.async_payment_succeeded', 'checkout.session.async_payment_failed'] as const;

  constructor(private readonly gateway: StripeGateway) {}

  async handle({ event, tenantId, account, manager }: StripeEventContext): Promise<void> {
    const at = new Date(event.created * 1000);
    const completed = event.type === 'checkout.session.completed';
    let session = event.data.object;
    if (completed && !session.line_items && this.gateway.configured) {
      const stripe = await this.gateway.forTenant(tenantId);
      session = { ...session, line_items: { object: 'list', data: await stripe.listCheckoutSessionLineItems(session.id, account) } };
    }
    await upsertCheckoutSession(manager, tenantId, account, session, at, stateKindOf(event.type), completed ? { completed_at: at.toISOString() } : {});
    await applyPaylinkCheckoutSession(manager, tenantId, event.type, event.data.object);
  }
}
