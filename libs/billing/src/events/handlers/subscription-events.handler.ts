import { Injectable } from '@nestjs/common';
import { WebhookEventsService } from '@app/webhooks';
import { upsertSubscription } from '../../mirror/subscriptions';
import { publishSubscriptionChange } from '../billing-domain-events';
import { stateKindOf, type StripeEventContext, type StripeEventHandler } from '../stripe-event-handler';

/** A subscription's lifecycle: every event carries the whole subscription; `deleted` means it ended. */
@Injectable()
export class SubscriptionEventsHandler implements StripeEventHandler {
  readonly types = [
    'customer.subscription.created',
    'customer.subscription.updated',
    'customer.subscription.deleted',
    'customer.subscription.paused',
    'customer.subscription.resumed',
    'customer.subscription.trial_will_end',
  ] as const;

  constructor(private readonly webhooks: WebhookEventsService) {}

  async handle({ event, tenantId, account, manager }: StripeEventContext): Promise<void> {
    const at = new Date(event.created * 1000);
    const extra = event.type === 'customer.subscription.trial_will_end' ? { trial_will_end_notified_at: at.toISOString() } : {};
    const subscription = event.data.object;
    const change = await upsertSubscription(manager, tenantId, account, subscription, at, stateKindOf(event.type), extra);
    await publishSubscriptionChange(this.webhooks, change, subscription, event.type === 'customer.subscription.deleted');
  }
}
