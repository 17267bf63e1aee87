import { Injectable } from '@nestjs/common';
import { upsertPromotionCode } from '../../mirror/promotion-codes';
import { sourceOf, type StripeEventContext, type StripeEventHandler } from '../stripe-event-handler';

@Injectable()
export class PromotionCodeEventsHandler implements StripeEventHandler {
  readonly types = ['promotion_code.created', 'promotion_code.updated'] as const;

  async handle(context: StripeEventContext): Promise<void> {
    await upsertPromotionCode(context.manager, sourceOf(context), context.event.data.object);
  }
}
