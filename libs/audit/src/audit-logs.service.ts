import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, cursorTimestampSql, type Page, pageSize, Semaphore, toPage } from '@app/core';
import { Db } from '@app/database';
import { auditLogWhere } from './audit-log-where';
import type { AdminAuditLogDto } from './dto/admin-audit-log.dto';
import type { AdminAuditLogQueryDto } from './dto/admin-audit-log-query.dto';
import type { AuditLogDto } from './dto/audit-log.dto';
import type { AuditLogFilterDto } from './dto/audit-log-filter.dto';
import type { AuditLogQueryDto } from './dto/audit-log-query.dto';
import { tenantAuditView } from './tenant-audit-view';

/** The CSV export's batch size and its cap on rows. */
const EXPORT_BATCH = 1000;
const EXPORT_MAX_ROWS = 100_000;

interface AuditLogRow {
  id: string;
  tenant_id: string | null;
  actor_type: string;
  actor_id: string | null;
  actor_email: string | null;
  impersonator_id: string | null;
  impersonator_email: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  created_at: Date;
  cursor_at: string;
}

function toDto(row: AuditLogRow): AuditLogDto {
  return {
    id: row.id,
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorEmail: row.actor_email,
    impersonatorId: row.impersonator_id,
    impersonatorEmail: row.impersonator_email,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    ip: row.ip,
    userAgent: row.user_agent,
    requestId: row.request_id,
    createdAt: row.created_at.toISOString(),
  };
}

/** Reads the audit log: a tenant's own events, or every event on the platform staff's cross-tenant path. */
@Injectable()
export class AuditLogsService {
  /** Export batches of all clients share a quarter of the pool, so exports cannot starve other requests of connections. */
  private readonly exportReads: Semaphore;

  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.exportReads = new Semaphore(Math.max(1, Math.floor(config.database.poolSize / 4)));
  }

  /** The current tenant's events, newest first. */
  async list(query: AuditLogQueryDto): Promise<Page<AuditLogDto>> {
    const page = await this.page({ ...query, tenantId: this.db.tenantId() }, pageSize(query));
    return { data: page.data.map((row) => tenantAuditView(toDto(row))), nextCursor: page.nextCursor };
  }

  /** Every tenant's events (and user-level ones without a tenant), newest first. */
  async listAll(query: AdminAuditLogQueryDto): Promise<Page<AdminAuditLogDto>> {
    await this.db.crossTenant();
    const page = await this.page(query, pageSize(query));
    return { data: page.data.map((row) => ({ ...toDto(row), tenantId: row.tenant_id })), nextCursor: page.nextCursor };
  }

  /**
   * A tenant's events for the CSV export, at most 100,000 rows, in keyset batches each read in its own
   * short transaction bound to the tenant: no connection is held while the client reads. Filters are
   * checked, and the first batch read, before anything is returned.
   */
  async exportRows(scope: { tenantId: string; userId: string }, filter: AuditLogFilterDto): Promise<AsyncIterable<AuditLogDto>> {
    const read = (cursor: string | undefined, limit: number) =>
      this.exportReads.run(() => this.db.transaction(scope, () => this.page({ ...filter, tenantId: scope.tenantId, cursor }, limit)));
    const first = await read(undefined, Math.min(EXPORT_BATCH, EXPORT_MAX_ROWS));
    return {
      async *[Symbol.asyncIterator]() {
        let page = first;
        let sent = 0;
        for (;;) {
          for (const row of page.data) {
            if (sent >= EXPORT_MAX_ROWS) return;
            sent++;
            yield tenantAuditView(toDto(row));
          }
          if (!page.nextCursor || sent >= EXPORT_MAX_ROWS) return;
          page = await read(page.nextCursor, Math.min(EXPORT_BATCH, EXPORT_MAX_ROWS - sent));
        }
      },
    };
  }

  private async page(filter: AuditLogFilterDto & { tenantId?: string; cursor?: string }, limit: number): Promise<Page<AuditLogRow>> {
    const params: unknown[] = [];
    const where = auditLogWhere(filter, params);
    params.push(limit + 1);
    const rows = await this.db.query<AuditLogRow>(
      `select a.id, a.tenant_id, a.actor_type, a.actor_id, a.actor_email, a.impersonator_id, a.action, a.entity_type, a.entity_id,
              a.before, a.after, a.ip, a.user_agent, a.request_id, a.created_at, ${cursorTimestampSql('a.created_at')} as cursor_at,
              iu.email as impersonator_email
         from audit_logs a left join users iu on iu.id = a.impersonator_id
        ${where.length ? `where ${where.join(' and ')}` : ''}
        order by a.created_at desc, a.id desc
        limit $${params.length}`,
      params,
    );
    return toPage(rows, limit, (row) => ({ v: row.cursor_at, id: row.id }));
  }
}
