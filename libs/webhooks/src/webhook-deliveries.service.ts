import { Injectable } from '@nestjs/common';
import { cursorTimestampSql, NewestFirstQuery, type Page, Problems } from '@app/core';
import { Db } from '@app/database';
import { AuditService } from '@app/audit';
import type { WebhookDeliveryAttemptDto } from './dto/webhook-delivery-attempt.dto';
import type { WebhookDeliveryDetailDto } from './dto/webhook-delivery-detail.dto';
import type { WebhookDeliveryQueryDto } from './dto/webhook-delivery-query.dto';
import type { WebhookDeliveryDto, WebhookDeliveryStatus } from './dto/webhook-delivery.dto';
import { WebhookEventsService } from './webhook-events.service';

const DELIVERY_SELECT = `
  select d.id, d.endpoint_id, d.event_id, e.type as event_type, d.status, d.attempts, d.response_status, d.duration_ms,
         d.error, d.next_attempt_at, d.created_at, d.updated_at, ${cursorTimestampSql('d.created_at')} as cursor_at
    from webhook_deliveries d join webhook_events e on e.tenant_id = d.tenant_id and e.id = d.event_id`;

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  response_status: number | null;
  duration_ms: number | null;
  error: string | null;
  next_attempt_at: Date | null;
  created_at: Date;
  updated_at: Date;
  cursor_at: string;
}

interface AttemptRow {
  attempt: number;
  request_headers: Record<string, string>;
  response_status: number | null;
  response_body: string | null;
  duration_ms: number;
  error: string | null;
  created_at: Date;
}

function toDeliveryDto(row: DeliveryRow): WebhookDeliveryDto {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attemptCount: row.attempts,
    responseStatus: row.response_status,
    durationMs: row.duration_ms,
    error: row.error,
    nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toAttemptDto(row: AttemptRow): WebhookDeliveryAttemptDto {
  return {
    attempt: row.attempt,
    requestHeaders: row.request_headers,
    responseStatus: row.response_status,
    responseBody: row.response_body,
    durationMs: row.duration_ms,
    error: row.error,
    createdAt: row.created_at.toISOString(),
  };
}

/** The delivery log of a tenant's endpoints: list, detail with every attempt, replay. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    private readonly db: Db,
    private readonly events: WebhookEventsService,
    private readonly audit: AuditService,
  ) {}

  async listForEndpoint(endpointId: string, query: WebhookDeliveryQueryDto): Promise<Page<WebhookDeliveryDto>> {
    const tenantId = this.db.tenantId();
    const exists = await this.db.manager().query(`select 1 from webhook_endpoints where tenant_id = $1 and id = $2`, [tenantId, endpointId]);
    if (!exists.length) throw Problems.notFound('Webhook endpoint');
    const list = new NewestFirstQuery('d');
    list.where(`d.tenant_id = ${list.param(tenantId)}`).where(`d.endpoint_id = ${list.param(endpointId)}`);
    if (query.status) list.where(`d.status = ${list.param(query.status)}`);
    const page = await list.page<DeliveryRow>(DELIVERY_SELECT, query, (sql, params) => this.db.query(sql, params));
    return { data: page.data.map(toDeliveryDto), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<WebhookDeliveryDto> {
    const rows: DeliveryRow[] = await this.db.manager().query(`${DELIVERY_SELECT} where d.tenant_id = $1 and d.id = $2`, [this.db.tenantId(), id]);
    if (!rows[0]) throw Problems.notFound('Webhook delivery');
    return toDeliveryDto(rows[0]);
  }

  async detail(id: string): Promise<WebhookDeliveryDetailDto> {
    const delivery = await this.get(id);
    const tenantId = this.db.tenantId();
    const [bodies] = await this.db.manager().query(`select request_body, response_body from webhook_deliveries where tenant_id = $1 and id = $2`, [tenantId, id]);
    const attempts: AttemptRow[] = await this.db.manager().query(
      `select attempt, request_headers, response_status, response_body, duration_ms, error, created_at
         from webhook_delivery_attempts where tenant_id = $1 and delivery_id = $2 order by attempt`,
      [tenantId, id],
    );
    return { ...delivery, requestBody: bodies.request_body, responseBody: bodies.response_body, attempts: attempts.map(toAttemptDto) };
  }

  /** Sends the same event (same id and body) to the same endpoint again, as a new delivery. */
  async replay(id: string): Promise<WebhookDeliveryDto> {
    const tenantId = this.db.tenantId();
    const rows: Array<{ event_id: string; endpoint_id: string; request_body: string; enabled: boolean }> = await this.db.manager().query(
      `select d.event_id, d.endpoint_id, d.request_body, w.enabled
         from webhook_deliveries d join webhook_endpoints w on w.tenant_id = d.tenant_id and w.id = d.endpoint_id
        where d.tenant_id = $1 and d.id = $2`,
      [tenantId, id],
    );
    const original = rows[0];
    if (!original) throw Problems.notFound('Webhook delivery');
    if (!original.enabled) throw Problems.conflict('webhook-endpoint-disabled', 'This endpoint is disabled; enable it before replaying a delivery.');
    const replayId = await this.events.queueDelivery(original.event_id, original.endpoint_id, original.request_body);
    await this.audit.record({
      action: 'webhook_delivery.replayed',
      entityType: 'webhook_delivery',
      entityId: replayId,
      after: { replayOf: id, eventId: original.event_id, endpointId: original.endpoint_id },
    });
    return this.get(replayId);
  }
}
