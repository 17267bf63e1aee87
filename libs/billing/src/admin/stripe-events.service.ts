import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { cursorTimestampSql, isoOrNull, NewestFirstQuery, type Page, Problems } from '@app/core';
import { Db } from '@app/database';
import { JobName, OutboxService } from '@app/queue';
import type { StripeEventDto, StripeEventStatus, StripeEventSummaryDto } from './dto/stripe-event.dto';
import type { StripeEventQueryDto } from './dto/stripe-event-query.dto';
import type { StripeWebhookHealthDto } from './dto/stripe-webhook-health.dto';

interface EventRow {
  id: string;
  stripe_event_id: string;
  type: string;
  account: string | null;
  tenant_id: string | null;
  status: StripeEventStatus;
  livemode: boolean;
  attempts: number;
  last_error: string | null;
  created: Date;
  received_at: Date;
  processed_at: Date | null;
  payload?: Record<string, unknown>;
  cursor_at: string;
}

const COLUMNS = `id, stripe_event_id, type, account, tenant_id, status, livemode, attempts, last_error, created, received_at, processed_at`;

function toSummary(row: EventRow): StripeEventSummaryDto {
  return {
    id: row.id,
    stripeEventId: row.stripe_event_id,
    type: row.type,
    account: row.account,
    tenantId: row.tenant_id,
    status: row.status,
    livemode: row.livemode,
    attempts: row.attempts,
    lastError: row.last_error,
    created: new Date(row.created).toISOString(),
    receivedAt: new Date(row.received_at).toISOString(),
    processedAt: isoOrNull(row.processed_at),
  };
}

/** A failed event (alias e) whose processing job exhausted its attempts: it waits for staff, not for a retry. */
const DEAD_LETTERED = `exists (select 1 from dead_letters d where d.status = 'open' and d.job_name = $1 and d.payload->>'stripeEventId' = e.id::text)`;

/** Platform staff's view of the Stripe inbox (every tenant: the cross-tenant path) and replay. */
@Injectable()
export class StripeEventsService {
  constructor(
    private readonly db: Db,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async list(query: StripeEventQueryDto): Promise<Page<StripeEventSummaryDto>> {
    await this.db.crossTenant();
    const list = new NewestFirstQuery('', 'received_at');
    if (query.type) list.where(`type = ${list.param(query.type)}`);
    if (query.status) list.where(`status = ${list.param(query.status)}`);
    if (query.account) list.where(`account = ${list.param(query.account)}`);
    const page = await list.page<EventRow>(`select ${COLUMNS}, ${cursorTimestampSql('received_at')} as cursor_at from stripe_events`, query, (sql, params) =>
      this.db.manager().query(sql, params),
    );
    return { data: page.data.map(toSummary), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<StripeEventDto> {
    await this.db.crossTenant();
    const [row]: EventRow[] = await this.db.manager().query(`select ${COLUMNS}, payload from stripe_events where id = $1`, [id]);
    if (!row) throw Problems.notFound('Stripe event');
    return { ...toSummary(row), payload: row.payload ?? {} };
  }

  /** Received/processed/failed/ignored in the last 24 h, what waits now and how long processing takes. */
  async health(): Promise<StripeWebhookHealthDto> {
    await this.db.crossTenant();
    const [row] = await this.db.manager().query(`
      with window_start as (select now() - interval '24 hours' as at)
      select now() as as_of,
             (select count(*)::int from stripe_events where received_at > (select at from window_start)) as received,
             (select count(*)::int from stripe_events where received_at > (select at from window_start) and status = 'processed') as processed,
             (select count(*)::int from stripe_events where received_at > (select at from window_start) and status = 'failed') as failed,
             (select count(*)::int from stripe_events where received_at > (select at from window_start) and status = 'ignored') as ignored,
             (select count(*)::int from stripe_events e where status in ('received', 'failed') and not ${DEAD_LETTERED}) as unprocessed,
             (select count(*)::int from stripe_events e where status = 'failed' and ${DEAD_LETTERED}) as dead_lettered,
             (select extract(epoch from now() - min(received_at))::float8 from stripe_events e where status in ('received', 'failed') and not ${DEAD_LETTERED}) as oldest_age,
             (select percentile_cont(0.5) within group (order by extract(epoch from processed_at - received_at))::float8
                from stripe_events where status = 'processed' and processed_at > (select at from window_start)) as lag_p50,
             (select max(extract(epoch from processed_at - received_at))::float8
                from stripe_events where status = 'processed' and processed_at > (select at from window_start)) as lag_max,
             (select max(received_at) from stripe_events) as last_received_at`, [JobName.ProcessStripeEvent]);
    const seconds = (value: unknown) => (value === null || value === undefined ? null : Math.round(Number(value) * 1000) / 1000);
    return {
      asOf: new Date(row.as_of).toISOString(),
      received24h: row.received,
      processed24h: row.processed,
      failed24h: row.failed,
      ignored24h: row.ignored,
      unprocessed: row.unprocessed,
      deadLettered: row.dead_lettered,
      oldestUnprocessedAgeSeconds: seconds(row.oldest_age),
      lagP50Seconds: seconds(row.lag_p50),
      lagMaxSeconds: seconds(row.lag_max),
      lastReceivedAt: isoOrNull(row.last_received_at),
    };
  }

  /** Processes the stored event again (the handlers are idempotent and order-safe): back to received, one new job. */
  async replay(id: string): Promise<StripeEventDto> {
    await this.db.crossTenant();
    const [row]: Array<{ status: StripeEventStatus; tenant_id: string | null }> = await this.db.manager().query(`select status, tenant_id from stripe_events where id = $1 for update`, [id]);
    if (!row) throw Problems.notFound('Stripe event');
    await this.db.manager().query(`update stripe_events set status = 'received', processed_at = null where id = $1`, [id]);
    await this.outbox.enqueueAfterCommit(JobName.ProcessStripeEvent, { stripeEventId: id, eventTenantId: row.tenant_id });
    await this.audit.record({ action: 'stripe_event.replayed', entityType: 'stripe_event', entityId: id, tenantId: null, before: { status: row.status }, after: { status: 'received' } });
    return this.get(id);
  }
}
