import { Injectable } from '@nestjs/common';
import { WebhookEventsService } from '@app/webhooks';
import { upsertRefund } from '../../mirror/refunds';
import { publishRefundChange } from '../billing-domain-events';
import { stateKindOf, type StripeEventContext, type StripeEventHandler } from '../stripe-event-handler';

@Injectable()
export class RefundEventsHandler implements StripeEventHandler {
  readonly types = ['refund.created', 'refund.updated'] as const;

  constructor(private readonly webhooks: WebhookEventsService) {}

  async handle({ event, tenantId, account, manager }: StripeEventContext): Promise<void> {
    const refund = event.data.object;
    const change = await upsertRefund(manager, tenantId, account, refund, new Date(event.created * 1000), stateKindOf(event.type));
    await publishRefundChange(this.webhooks, change, refund);
  }
}
