import { Injectable } from '@nestjs/common';
import { newId, Problems } from '@app/core';
import { Db } from '@app/database';
import { JobName, OutboxService } from '@app/queue';
import { StripeGateway } from '../gateway/stripe-gateway';
import { stripeNotConfigured } from '../gateway/stripe-not-configured';
import type { StripeWebhookReceiptDto } from './stripe-webhook-receipt.dto';

/** The inbox's one statement (also used by reconciliation to backfill events never delivered). */
export const RECORD_EVENT = `select id, tenant_id from app_record_stripe_event($1, $2, $3, $4, to_timestamp($5), $6, $7::jsonb)`;

/**
 * The hot path of Stripe webhooks: verify the signature on the raw body, store the event once, enqueue
 * its processing through the outbox in the same transaction. Two statements; no Stripe call, no
 * business logic (the worker applies the event).
 */
@Injectable()
export class StripeWebhookInboxService {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly outbox: OutboxService,
  ) {}

  async receive(rawBody: unknown, signature: string | undefined): Promise<StripeWebhookReceiptDto> {
    if (!this.gateway.webhooksConfigured) throw stripeNotConfigured('Stripe webhooks are not configured on this server (STRIPE_WEBHOOK_SECRET).');
    const payload = typeof rawBody === 'string' ? rawBody : '';
    const event = payload ? this.gateway.verifyWebhook(Buffer.from(payload), signature) : null;
    if (!event) throw Problems.badRequest('The Stripe-Signature header does not sign this body with a current secret.');
    const [stored] = await this.db.query<{ id: string; tenant_id: string | null }>(RECORD_EVENT, [
      newId(),
      event.id,
      event.account ?? null,
      event.type,
      event.created,
      event.livemode,
      payload,
    ]);
    if (!stored) return { received: true, duplicate: true };
    await this.outbox.enqueueAfterCommit(JobName.ProcessStripeEvent, { stripeEventId: stored.id, eventTenantId: stored.tenant_id });
    return { received: true, duplicate: false };
  }
}
