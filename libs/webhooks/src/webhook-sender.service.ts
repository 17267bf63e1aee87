import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, decryptSecret, newId } from '@app/core';
import { Db } from '@app/database';
import { AuditService } from '@app/audit';
import { EmailService } from '@app/email';
import { type DeliverWebhookPayload, JobName, OutboxService } from '@app/queue';
import { type PostResult, postPinned } from './delivery/pinned-post';
import { retryDelayMs } from './delivery/retry-schedule';
import { UnsafeWebhookUrlError } from './delivery/webhook-target';
import { signatureHeader } from './delivery/webhook-signature';
import { WebhookUrlPolicy } from './webhook-url-policy.service';

export const WEBHOOK_USER_AGENT = 'BackOffice-Webhooks/1.0';
const MAX_RESPONSE_BYTES = 4096;
const MAX_ERROR_LENGTH = 1000;

interface PreparedAttempt {
  url: string;
  body: string;
  eventId: string;
  secrets: string[];
}


function failureOf(result: PostResult): string | null {
  if (result.status !== null && result.status >= 200 && result.status < 300) return null;
  if (result.error) return result.error.slice(0, MAX_ERROR_LENGTH);
  if (result.status !== null && result.status >= 300 && result.status < 400) return `redirect not followed (HTTP ${result.status})`;
  return `HTTP ${result.status}`;
}

/**
 * Runs one delivery attempt (worker side): signs the event body, resolves and checks the URL again,
 * POSTs to the pinned address, records the attempt, then schedules the next one, or marks the delivery
 * dead and disables an endpoint that keeps failing. A duplicate or stale job changes nothing.
 */
@Injectable()
export class WebhookSenderService {
  constructor(
    private readonly db: Db,
    private readonly urls: WebhookUrlPolicy,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly email: EmailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One delivery attempt; runs inside a job, whose system context makes the audit actor `system`. */
  async attempt(job: DeliverWebhookPayload): Promise<void> {
    const prepared = await this.db.transaction({ tenantId: job.tenantId }, () => this.prepare(job));
    if (!prepared) return;
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': WEBHOOK_USER_AGENT,
      'X-Webhook-Id': prepared.eventId,
      'X-Webhook-Signature': signatureHeader(timestamp, prepared.body, prepared.secrets),
    };
    const result = await this.send(prepared.url, headers, prepared.body);
    await this.db.transaction({ tenantId: job.tenantId }, () => this.record(job, headers, result));
  }

  private async prepare(job: DeliverWebhookPayload): Promise<PreparedAttempt | null> {
    const rows = await this.db.manager().query(
      `select d.status, d.attempts, d.request_body, d.event_id, w.url, w.enabled, w.secret_enc,
              case when w.previous_secret_expires_at > now() then w.previous_secret_enc end as previous_secret_enc
         from webhook_deliveries d join webhook_endpoints w on w.tenant_id = d.tenant_id and w.id = d.endpoint_id
        where d.tenant_id = $1 and d.id = $2`,
      [job.tenantId, job.deliveryId],
    );
    const row = rows[0];
    if (!row || !['pending', 'failed'].includes(row.status) || row.attempts !== job.attempt - 1) return null;
    if (!row.enabled) {
      await this.db.manager().query(
        `update webhook_deliveries set status = 'dead', error = 'the endpoint is disabled', next_attempt_at = null, updated_at = now()
          where tenant_id = $1 and id = $2`,
        [job.tenantId, job.deliveryId],
      );
      return null;
    }
    const secrets = [row.secret_enc, row.previous_secret_enc].filter(Boolean).map((sealed: string) => decryptSecret(sealed, this.config.encryptionKey));
    return { url: row.url, body: row.request_body, eventId: row.event_id, secrets };
  }

  private async send(url: string, headers: Record<string, string>, body: string): Promise<PostResult> {
    try {
      const target = await this.urls.target(url);
      return await postPinned(target, headers, body, { timeoutMs: this.config.webhooks.timeoutMs, maxResponseBytes: MAX_RESPONSE_BYTES });
    } catch (error) {
      if (error instanceof UnsafeWebhookUrlError) return { status: null, body: null, durationMs: 0, error: `refused: ${error.reason}` };
      throw error;
    }
  }

  private async record(job: DeliverWebhookPayload, headers: Record<string, string>, result: PostResult): Promise<void> {
    const manager = this.db.manager();
    const { tenantId, deliveryId, attempt } = job;
    const rows = await manager.query(`select attempts, endpoint_id from webhook_deliveries where tenant_id = $1 and id = $2 for update`, [tenantId, deliveryId]);
    if (!rows[0] || rows[0].attempts !== attempt - 1) return;
    const endpointId: string = rows[0].endpoint_id;
    const error = failureOf(result);
    await manager.query(
      `insert into webhook_delivery_attempts (id, tenant_id, delivery_id, attempt, request_headers, response_status, response_body, duration_ms, error)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [newId(), tenantId, deliveryId, attempt, JSON.stringify(headers), result.status, result.body, result.durationMs, error],
    );
    const delay = error ? retryDelayMs(attempt, this.config.webhooks) : null;
    const status = !error ? 'succeeded' : delay !== null ? 'failed' : 'dead';
    await manager.query(
      `update webhook_deliveries
          set status = $3, attempts = $4, request_headers = $5, response_status = $6, response_body = $7, duration_ms = $8, error = $9,
              next_attempt_at = case when $10::double precision is null then null else now() + make_interval(secs => $10::double precision / 1000) end,
              updated_at = now()
        where tenant_id = $1 and id = $2`,
      [tenantId, deliveryId, status, attempt, JSON.stringify(headers), result.status, result.body, result.durationMs, error, delay],
    );
    if (status === 'succeeded') {
      await manager.query(
        `update webhook_endpoints set consecutive_failures = 0, updated_at = now() where tenant_id = $1 and id = $2 and consecutive_failures <> 0`,
        [tenantId, endpointId],
      );
    } else if (status === 'failed') {
      await this.outbox.enqueueAfterCommit(JobName.DeliverWebhook, { tenantId, deliveryId, attempt: attempt + 1 }, { delayMs: delay! });
    } else {
      await this.countDeadDelivery(tenantId, endpointId);
    }
  }

  /** One more delivery that exhausted its attempts; past the threshold the endpoint is disabled and its owners told. */
  private async countDeadDelivery(tenantId: string, endpointId: string): Promise<void> {
    const [endpoint] = await this.db.manager().query(
      `with counted as (
         update webhook_endpoints set consecutive_failures = consecutive_failures + 1, updated_at = now()
          where tenant_id = $1 and id = $2 returning url, enabled, consecutive_failures)
       select * from counted`,
      [tenantId, endpointId],
    );
    const threshold = this.config.webhooks.disableAfterFailures;
    if (!endpoint?.enabled || endpoint.consecutive_failures < threshold) return;
    const reason = `Disabled automatically: ${endpoint.consecutive_failures} deliveries in a row failed every attempt`;
    await this.db.manager().query(
      `update webhook_endpoints set enabled = false, disabled_reason = $3, disabled_at = now() where tenant_id = $1 and id = $2`,
      [tenantId, endpointId, reason],
    );
    await this.audit.record({
      action: 'webhook_endpoint.auto_disabled',
      entityType: 'webhook_endpoint',
      entityId: endpointId,
      before: { enabled: true, consecutiveFailures: endpoint.consecutive_failures },
      after: { enabled: false, disabledReason: reason },
    });
    await this.notifyOwners(tenantId, endpoint.url, reason);
  }

  private async notifyOwners(tenantId: string, url: string, reason: string): Promise<void> {
    const owners: Array<{ email: string; tenant_name: string }> = await this.db.manager().query(
      `select distinct u.email, t.name as tenant_name
         from memberships m
         join membership_roles mr on mr.tenant_id = m.tenant_id and mr.membership_id = m.id
         join roles r on r.tenant_id = mr.tenant_id and r.id = mr.role_id and r.key = 'owner' and r.is_system
         join users u on u.id = m.user_id
         join tenants t on t.id = m.tenant_id
        where m.tenant_id = $1 and m.active`,
      [tenantId],
    );
    for (const owner of owners) {
      await this.email.send(owner.email, 'webhook-endpoint-disabled', { tenantName: owner.tenant_name, url, reason, link: this.email.link('/webhooks') }, tenantId);
    }
  }
}
