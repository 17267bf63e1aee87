import { Injectable } from '@nestjs/common';
import { newId, Problems } from '@app/core';
import { Db } from '@app/database';
import { JOB_QUEUE, JobName } from '@app/queue';
import { StripeGateway } from '../gateway/stripe-gateway';
import { stripeNotConfigured } from '../gateway/stripe-not-configured';
import type { StripeWebhookReceiptDto } from './stripe-webhook-receipt.dto';

/** The inbox's one statement (also used by reconciliation to backfill events never delivered). */
export const RECORD_EVENT = `select id, tenant_id from app_record_stripe_event($1, $2, $3, $4, to_timestamp($5), $6, $7::jsonb)`;

/** The route's one statement: the event stored once and, when new, its processing job's outbox row, atomically. */
const RECEIVE_EVENT = `select id, tenant_id from app_receive_stripe_event($1, $2, $3, $4, to_timestamp($5), $6, $7::jsonb, $8, $9, $10)`;

/**
 * The hot path of Stripe webhooks: verify the signature on the raw body, then one statement (no explicit
 * transaction: one round trip) stores the event once and enqueues its processing through the outbox.
 * No Stripe call, no business logic (the worker applies the event).
 */
@Injectable()
export class StripeWebhookInboxService {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
  ) {}

  async receive(rawBody: unknown, signature: string | undefined): Promise<StripeWebhookReceiptDto> {
    if (!this.gateway.webhooksConfigured) throw stripeNotConfigured('Stripe webhooks are not configured on this server (STRIPE_WEBHOOK_SECRET).');
    const payload = typeof rawBody === 'string' ? rawBody : '';
    const event = payload ? this.gateway.verifyWebhook(Buffer.from(payload), signature) : null;
    if (!event) throw Problems.badRequest('The Stripe-Signature header does not sign this body with a current secret.');
    const [stored] = await this.db.statement<{ id: string; tenant_id: string | null }>(RECEIVE_EVENT, [
      newId(),
      event.id,
      event.account ?? null,
      event.type,
      event.created,
      event.livemode,
      payload,
      newId(),
      JOB_QUEUE[JobName.ProcessStripeEvent],
      JobName.ProcessStripeEvent,
    ]);
    return { received: true, duplicate: !stored };
  }
}
