import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, cursorTimestampSql, encryptSecret, NewestFirstQuery, newId, type Page, type PageQueryDto, Problems } from '@app/core';
import { Db } from '@app/database';
import { AuditService } from '@app/audit';
import { newWebhookSecret } from './delivery/webhook-signature';
import type { CreateWebhookEndpointDto } from './dto/create-webhook-endpoint.dto';
import type { UpdateWebhookEndpointDto } from './dto/update-webhook-endpoint.dto';
import type { WebhookDeliveryDto } from './dto/webhook-delivery.dto';
import type { WebhookEndpointWithSecretDto } from './dto/webhook-endpoint-with-secret.dto';
import type { WebhookEndpointDto } from './dto/webhook-endpoint.dto';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookEventsService } from './webhook-events.service';
import { WebhookUrlPolicy } from './webhook-url-policy.service';

export const DEFAULT_SECRET_OVERLAP_HOURS = 24;

const ENDPOINT_SELECT = `
  select id, url, description, event_types, enabled, disabled_reason, disabled_at, consecutive_failures,
         case when previous_secret_expires_at > now() then previous_secret_expires_at end as previous_secret_expires_at,
         created_at, updated_at, ${cursorTimestampSql('created_at')} as cursor_at
    from webhook_endpoints`;

interface EndpointRow {
  id: string;
  url: string;
  description: string;
  event_types: string[];
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: Date | null;
  consecutive_failures: number;
  previous_secret_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
  cursor_at: string;
}

function toEndpointDto(row: EndpointRow): WebhookEndpointDto {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at?.toISOString() ?? null,
    consecutiveFailures: row.consecutive_failures,
    previousSecretExpiresAt: row.previous_secret_expires_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const unique = (values: string[]) => [...new Set(values)];

/** A tenant's webhook endpoints: register, change, rotate the secret, delete, send a test event. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    private readonly db: Db,
    private readonly urls: WebhookUrlPolicy,
    private readonly events: WebhookEventsService,
    private readonly deliveries: WebhookDeliveriesService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(query: PageQueryDto): Promise<Page<WebhookEndpointDto>> {
    const list = new NewestFirstQuery('');
    list.where(`tenant_id = ${list.param(this.db.tenantId())}`);
    const page = await list.page<EndpointRow>(ENDPOINT_SELECT, query, (sql, params) => this.db.query(sql, params));
    return { data: page.data.map(toEndpointDto), nextCursor: page.nextCursor };
  }

  async get(id: string, options: { lock?: boolean } = {}): Promise<WebhookEndpointDto> {
    const rows: EndpointRow[] = await this.db.manager().query(
      `${ENDPOINT_SELECT} where tenant_id = $1 and id = $2 ${options.lock ? 'for update' : ''}`,
      [this.db.tenantId(), id],
    );
    if (!rows[0]) throw Problems.notFound('Webhook endpoint');
    return toEndpointDto(rows[0]);
  }

  async create(input: CreateWebhookEndpointDto): Promise<WebhookEndpointWithSecretDto> {
    await this.urls.assertAcceptable(input.url);
    const id = newId();
    const secret = newWebhookSecret();
    await this.db.manager().query(
      `insert into webhook_endpoints (id, tenant_id, url, description, event_types, secret_enc) values ($1, $2, $3, $4, $5::text[], $6)`,
      [id, this.db.tenantId(), input.url, input.description?.trim() ?? '', unique(input.eventTypes), this.seal(secret)],
    );
    const endpoint = await this.get(id);
    await this.audit.record({ action: 'webhook_endpoint.created', entityType: 'webhook_endpoint', entityId: id, after: endpoint });
    return { ...endpoint, secret };
  }

  async update(id: string, input: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    const before = await this.get(id, { lock: true });
    if (input.url !== undefined && input.url !== before.url) await this.urls.assertAcceptable(input.url);
    const enabling = input.enabled === true && !before.enabled;
    const disabling = input.enabled === false && before.enabled;
    await this.db.manager().query(
      `update webhook_endpoints
          set url = $3, description = $4, event_types = $5::text[], enabled = $6,
              disabled_reason = case when $7 then null when $8 then 'Disabled by a user' else disabled_reason end,
              disabled_at = case when $7 then null when $8 then now() else disabled_at end,
              consecutive_failures = case when $7 then 0 else consecutive_failures end,
              updated_at = now()
        where tenant_id = $1 and id = $2`,
      [
        this.db.tenantId(),
        id,
        input.url ?? before.url,
        input.description?.trim() ?? before.description,
        input.eventTypes ? unique(input.eventTypes) : before.eventTypes,
        input.enabled ?? before.enabled,
        enabling,
        disabling,
      ],
    );
    const after = await this.get(id);
    await this.audit.record({ action: 'webhook_endpoint.updated', entityType: 'webhook_endpoint', entityId: id, before, after });
    return after;
  }

  /** Deletes the endpoint with its delivery log; queued attempts find nothing and stop. */
  async remove(id: string): Promise<void> {
    const before = await this.get(id, { lock: true });
    await this.db.manager().query(`delete from webhook_endpoints where tenant_id = $1 and id = $2`, [this.db.tenantId(), id]);
    await this.audit.record({ action: 'webhook_endpoint.deleted', entityType: 'webhook_endpoint', entityId: id, before });
  }

  /** A new secret, shown once; the old one keeps signing alongside it for `overlapHours` (0: stops at once). */
  async rotateSecret(id: string, overlapHours = DEFAULT_SECRET_OVERLAP_HOURS): Promise<WebhookEndpointWithSecretDto> {
    const before = await this.get(id, { lock: true });
    const secret = newWebhookSecret();
    await this.db.manager().query(
      `update webhook_endpoints
          set previous_secret_enc = case when $4 > 0 then secret_enc end,
              previous_secret_expires_at = case when $4 > 0 then now() + make_interval(hours => $4) end,
              secret_enc = $3, updated_at = now()
        where tenant_id = $1 and id = $2`,
      [this.db.tenantId(), id, this.seal(secret), overlapHours],
    );
    const after = await this.get(id);
    await this.audit.record({
      action: 'webhook_endpoint.secret_rotated',
      entityType: 'webhook_endpoint',
      entityId: id,
      before: { previousSecretExpiresAt: before.previousSecretExpiresAt },
      after: { previousSecretExpiresAt: after.previousSecretExpiresAt, overlapHours },
    });
    return { ...after, secret };
  }

  /** Publishes a webhook.test event to this endpoint only, whatever it subscribes to. */
  async sendTest(id: string): Promise<WebhookDeliveryDto> {
    const endpoint = await this.get(id);
    if (!endpoint.enabled) throw Problems.conflict('webhook-endpoint-disabled', 'This endpoint is disabled; enable it before sending a test event.');
    const published = await this.events.publish(
      'webhook.test',
      { endpointId: id, message: 'This is a test event sent from the back office.' },
      { endpointId: id },
    );
    const deliveryId = published!.deliveryIds[0];
    await this.audit.record({ action: 'webhook_endpoint.test_sent', entityType: 'webhook_endpoint', entityId: id, after: { eventId: published!.eventId, deliveryId } });
    return this.deliveries.get(deliveryId);
  }

  private seal(secret: string): string {
    return encryptSecret(secret, this.config.encryptionKey);
  }
}
