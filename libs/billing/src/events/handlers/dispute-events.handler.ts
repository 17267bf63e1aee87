import { Injectable } from '@nestjs/common';
import { upsertDispute } from '../../mirror/disputes';
import { stateKindOf, type StripeEventContext, type StripeEventHandler } from '../stripe-event-handler';

@Injectable()
export class DisputeEventsHandler implements StripeEventHandler {
  readonly types = ['charge.dispute.created', 'charge.dispute.closed'] as const;

  async handle({ event, tenantId, account, manager }: StripeEventContext): Promise<void> {
    const at = new Date(event.created * 1000);
    await upsertDispute(manager, tenantId, account, event.data.object, at, stateKindOf(event.type), event.type === 'charge.dispute.closed' ? { closed_at: at.toISOString() } : {});
  }
}
