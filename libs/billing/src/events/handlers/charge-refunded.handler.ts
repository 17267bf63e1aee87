import { Injectable } from '@nestjs/common';
import { WebhookEventsService } from '@app/webhooks';
import { field } from '../../mirror/mirror-change';
import { idOf } from '../../mirror/mirror-upsert';
import { upsertCharge } from '../../mirror/payments';
import { upsertRefund } from '../../mirror/refunds';
import { publishPaymentChange, publishRefundChange } from '../billing-domain-events';
import type { StripeEventContext, StripeEventHandler } from '../stripe-event-handler';

/** A charge was (partly) refunded: its payment's refunded amount, and the refunds it lists (older API versions). */
@Injectable()
export class ChargeRefundedHandler implements StripeEventHandler {
  readonly types = ['charge.refunded'] as const;

  constructor(private readonly webhooks: WebhookEventsService) {}

  async handle({ event, tenantId, account, manager }: StripeEventContext): Promise<void> {
    const at = new Date(event.created * 1000);
    const charge = event.data.object;
    const change = await upsertCharge(manager, tenantId, account, charge, at, 'updated');
    // Refunded before its payment intent's success arrived: that older event will be dropped as stale, so
    // the payment's success is told from the charge now (once: only when this first made it succeeded).
    const intent = idOf(charge.payment_intent);
    if (intent && (charge.status === 'succeeded' || (charge.paid === true && charge.captured !== false))) {
      const asIntent = { id: intent, object: 'payment_intent', latest_charge: charge.id, customer: charge.customer, invoice: charge.invoice, amount: charge.amount, amount_received: charge.amount_captured ?? charge.amount, currency: charge.currency, status: 'succeeded' };
      await publishPaymentChange(this.webhooks, change, asIntent, false);
    }
    for (const refund of field.list(charge.refunds) ?? []) {
      if (typeof refund.id !== 'string') continue;
      const object = { ...refund, id: refund.id, object: 'refund' };
      await publishRefundChange(this.webhooks, await upsertRefund(manager, tenantId, account, object, at, 'updated'), object);
    }
  }
}
