import { Injectable } from '@nestjs/common';
import { upsertInvoice } from '../../mirror/invoices';
import { recordUpcomingInvoice } from '../../mirror/subscriptions';
import { stateKindOf, type StripeEventContext, type StripeEventHandler } from '../stripe-event-handler';

/** Whether the invoice waits for the customer (3-D Secure...): set by that event, cleared once it is settled. */
const ACTION_REQUIRED: Record<string, boolean> = {
  'invoice.payment_action_required': true,
  'invoice.paid': false,
  'invoice.payment_succeeded': false,
  'invoice.voided': false,
  'invoice.marked_uncollectible': false,
};

/**
 * An invoice's lifecycle. `invoice.upcoming` describes an invoice that does not exist yet (no id): it is
 * recorded on its subscription, not mirrored as an invoice.
 */
@Injectable()
export class InvoiceEventsHandler implements StripeEventHandler {
  readonly types = [
    'invoice.created',
    'invoice.finalized',
    'invoice.paid',
    'invoice.payment_succeeded',
    'invoice.payment_failed',
    'invoice.payment_action_required',
    'invoice.voided',
    'invoice.marked_uncollectible',
    'invoice.upcoming',
  ] as const;

  async handle({ event, tenantId, account, manager }: StripeEventContext): Promise<void> {
    const at = new Date(event.created * 1000);
    if (event.type === 'invoice.upcoming') {
      await recordUpcomingInvoice(manager, tenantId, account, event.data.object, at);
      return;
    }
    const actionRequired = ACTION_REQUIRED[event.type];
    await upsertInvoice(manager, tenantId, account, event.data.object, at, stateKindOf(event.type), actionRequired === undefined ? {} : { payment_action_required: actionRequired });
  }
}
