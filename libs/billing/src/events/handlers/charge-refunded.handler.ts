import { Injectable } from '@nestjs/common';
import { WebhookEventsService } from '@app/webhooks';
import { field } from '../../mirror/mirror-change';
import { upsertCharge } from '../../mirror/payments';
import { upsertRefund } from '../../mirror/refunds';
import { publishRefundChange } from '../billing-domain-events';
import type { StripeEventContext, StripeEventHandler } from '../stripe-event-handler';

/** A charge was (partly) refunded: its payment's refunded amount, and the refunds it lists (older API versions). */
@Injectable()
export class ChargeRefundedHandler implements StripeEventHandler {
  readonly types = ['charge.refunded'] as const;

  constructor(private readonly webhooks: WebhookEventsService) {}

  async handle({ event, tenantId, account, manager }: StripeEventContext): Promise<void> {
    const at = new Date(event.created * 1000);
    const charge = event.data.object;
    await upsertCharge(manager, tenantId, account, charge, at, 'updated');
    for (const refund of field.list(charge.refunds) ?? []) {
      if (typeof refund.id !== 'string') continue;
      const object = { ...refund, id: refund.id, object: 'refund' };
      await publishRefundChange(this.webhooks, await upsertRefund(manager, tenantId, account, object, at, 'updated'), object);
    }
  }
}
