import { Injectable } from '@nestjs/common';
import { WebhookEventsService } from '@app/webhooks';
import { StripeGateway } from '../../gateway/stripe-gateway';
import { upsertPaymentIntent } from '../../mirror/payments';
import { publishPaymentChange } from '../billing-domain-events';
import { stateKindOf, type StripeEventContext, type StripeEventHandler } from '../stripe-event-handler';

/**
 * A payment intent succeeded or an attempt failed. The payload names its latest charge by id only, so
 * the charge is re-fetched from Stripe for the card summary and refunded amount.
 */
@Injectable()
export class PaymentIntentEventsHandler implements StripeEventHandler {
  readonly types = ['payment_intent.succeeded', 'payment_intent.payment_failed'] as const;

  constructor(
    private readonly gateway: StripeGateway,
    private readonly webhooks: WebhookEventsService,
  ) {}

  async handle({ event, tenantId, account, manager }: StripeEventContext): Promise<void> {
    const at = new Date(event.created * 1000);
    let intent = event.data.object;
    if (typeof intent.latest_charge === 'string' && this.gateway.configured) {
      const stripe = await this.gateway.forTenant(tenantId);
      intent = { ...intent, latest_charge: await stripe.retrieveCharge(intent.latest_charge, account) };
    }
    const succeeded = event.type === 'payment_intent.succeeded';
    const change = await upsertPaymentIntent(manager, tenantId, account, intent, at, stateKindOf(event.type), succeeded ? { succeeded_at: at.toISOString() } : {});
    await publishPaymentChange(this.webhooks, change, intent, !succeeded);
  }
}
