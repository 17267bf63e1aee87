import { Injectable } from '@nestjs/common';
import { newId } from '@app/core';
import { Db } from '@app/database';
import { JobName, OutboxService } from '@app/queue';
import { ALL_EVENT_TYPES, type WebhookEventType } from './webhook-event-catalog';

export interface PublishedWebhookEvent {
  eventId: string;
  deliveryIds: string[];
}

/** The JSON body every delivery of an event carries, built from the stored row so all attempts and replays match. */
export function webhookBody(event: { id: string; type: string; created_at: Date; tenant_id: string; payload: unknown }): string {
  return JSON.stringify({ id: event.id, type: event.type, createdAt: event.created_at.toISOString(), tenantId: event.tenant_id, data: event.payload });
}

/**
 * The one publishing API for domain code. Inside the caller's transaction: one event row, one delivery
 * per enabled endpoint subscribed to the type, one outbox job per delivery. Nothing is written when no
 * endpoint listens.
 */
@Injectable()
export class WebhookEventsService {
  constructor(
    private readonly db: Db,
    private readonly outbox: OutboxService,
  ) {}

  /** Whether an enabled endpoint of the current tenant listens to `type`: lets a caller skip building an event nobody receives. */
  async hasSubscribers(type: WebhookEventType): Promise<boolean> {
    const [row] = await this.db.query<{ listening: boolean }>(
      `select exists (select 1 from webhook_endpoints where tenant_id = $1 and enabled and event_types && array[$2, $3]) as listening`,
      [this.db.tenantId(), type, ALL_EVENT_TYPES],
    );
    return row.listening;
  }

  async publish(type: WebhookEventType, data: object, options: { endpointId?: string } = {}): Promise<PublishedWebhookEvent | null> {
    const tenantId = this.db.tenantId();
    const manager = this.db.manager();
    const endpoints: Array<{ id: string }> = await manager.query(
      `select id from webhook_endpoints
        where tenant_id = $1 and enabled and (case when $3::uuid is null then event_types && array[$2, $4] else id = $3::uuid end)
        order by created_at, id`,
      [tenantId, type, options.endpointId ?? null, ALL_EVENT_TYPES],
    );
    if (!endpoints.length) return null;
    const [event] = await manager.query(
      `insert into webhook_events (id, tenant_id, type, payload) values ($1, $2, $3, $4) returning id, tenant_id, type, payload, created_at`,
      [newId(), tenantId, type, JSON.stringify(data)],
    );
    const body = webhookBody(event);
    const deliveryIds: string[] = [];
    for (const endpoint of endpoints) {
      deliveryIds.push(await this.queueDelivery(event.id, endpoint.id, body));
    }
    return { eventId: event.id, deliveryIds };
  }

  /** A new delivery of a stored event to one endpoint (first send, or a replay), with its first attempt queued. */
  async queueDelivery(eventId: string, endpointId: string, body: string): Promise<string> {
    const tenantId = this.db.tenantId();
    const id = newId();
    await this.db.manager().query(
      `insert into webhook_deliveries (id, tenant_id, endpoint_id, event_id, status, request_body, next_attempt_at)
       values ($1, $2, $3, $4, 'pending', $5, now())`,
      [id, tenantId, endpointId, eventId, body],
    );
    await this.outbox.enqueueAfterCommit(JobName.DeliverWebhook, { tenantId, deliveryId: id, attempt: 1 });
    return id;
  }
}
