import { Injectable } from '@nestjs/common';
import { upsertStripeAccount } from '../../connect/stripe-accounts';
import { toAccountState } from '../../gateway/stripe-gateway';
import type { StripeEventContext, StripeEventHandler } from '../stripe-event-handler';

/** A connected account's capabilities and requirements changed (onboarding progress). */
@Injectable()
export class AccountUpdatedHandler implements StripeEventHandler {
  readonly types = ['account.updated'] as const;

  async handle({ event, tenantId, manager }: StripeEventContext): Promise<void> {
    await upsertStripeAccount(manager, tenantId, toAccountState(event.data.object), new Date(event.created * 1000));
  }
}
