import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { cursorTimestampSql, isoOrNull, newId, NewestFirstQuery, type Page, Problems } from '@app/core';
import { Db } from '@app/database';
import { JobName, OutboxService } from '@app/queue';
import { StripeGateway } from '../gateway/stripe-gateway';
import type { KindProgress } from './billing-sync-runner';
import { FAIL_ABANDONED_RUN, SINCE_LAST_SUCCESS } from './billing-sync-scheduler';
import type { AdminSyncRunQueryDto, BillingSyncHealthDto, BillingSyncRunDto, SyncRunQueryDto, TenantSyncHealthDto } from './dto/billing-sync-run.dto';

type RunRow = Record<string, any> & { id: string; cursor_at: string };

const COLUMNS = `r.id, r.tenant_id, r.kind, r.trigger, r.status, r.started_at, r.finished_at, r.since, r.objects_checked, r.drift_found, r.drift_fixed,
                 r.events_backfilled, r.errors, r.progress`;

/** Hours after the last success a tenant counts as stale on the health page (the daily run plus slack). */
const STALE_HOURS = 36;

export function toRun(row: RunRow): BillingSyncRunDto {
  const progress = Object.fromEntries(
    Object.entries((row.progress ?? {}) as Record<string, KindProgress>).map(([kind, p]) => [
      kind,
      { done: p.done, checked: p.checked, imported: p.imported, driftFound: p.driftFound, driftFixed: p.driftFixed, markedDeleted: p.markedDeleted },
    ]),
  );
  return {
    id: row.id,
    tenantId: row.tenant_id,
    kind: row.kind,
    trigger: row.trigger,
    status: row.status,
    startedAt: new Date(row.started_at).toISOString(),
    finishedAt: isoOrNull(row.finished_at),
    since: isoOrNull(row.since),
    objectsChecked: row.objects_checked,
    driftFound: row.drift_found,
    driftFixed: row.drift_fixed,
    eventsBackfilled: row.events_backfilled,
    errors: ((row.errors ?? []) as Array<{ at: string; message: string }>).map((e) => ({ at: new Date(e.at).toISOString(), message: e.message })),
    progress,
  };
}

/** Sync runs: "sync now" and the initial import for a tenant, its run history, and staff's view of every tenant. */
@Injectable()
export class BillingSyncRunsService {
  constructor(
    private readonly db: Db,
    private readonly gateway: StripeGateway,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Starts a run of the current tenant (one at a time: another running → 409 sync-in-progress) and queues its job. */
  async start(kind: 'reconcile' | 'import'): Promise<BillingSyncRunDto> {
    this.gateway.assertConfigured();
    const tenantId = this.db.tenantId();
    await this.db.manager().query(FAIL_ABANDONED_RUN, [tenantId]);
    const [row]: RunRow[] = await this.db.manager().query(
      `insert into billing_sync_runs as r (id, tenant_id, kind, trigger, since) values ($1, $2, $3, 'manual', ${kind === 'reconcile' ? SINCE_LAST_SUCCESS : 'null'})
       on conflict (tenant_id) where status = 'running' do nothing
       returning ${COLUMNS}`,
      [newId(), tenantId, kind],
    );
    if (!row) throw Problems.conflict('sync-in-progress', 'A sync of this business\'s Stripe account is already running; wait for it to finish.');
    await this.outbox.enqueueAfterCommit(kind === 'import' ? JobName.BillingImport : JobName.BillingReconcile, { tenantId, runId: row.id });
    await this.audit.record({ action: kind === 'import' ? 'billing_sync.import_started' : 'billing_sync.started', entityType: 'billing_sync_run', entityId: row.id, after: { kind, trigger: 'manual' } });
    return toRun(row);
  }

  /** The run history is our own record: readable without Stripe configured (empty then). */
  async list(query: SyncRunQueryDto): Promise<Page<BillingSyncRunDto>> {
    const list = new NewestFirstQuery('r', 'started_at');
    list.where(`r.tenant_id = ${list.param(this.db.tenantId())}`);
    if (query.status) list.where(`r.status = ${list.param(query.status)}`);
    const page = await list.page<RunRow>(`select ${COLUMNS}, ${cursorTimestampSql('r.started_at')} as cursor_at from billing_sync_runs r`, query, (sql, params) =>
      this.db.manager().query(sql, params),
    );
    return { data: page.data.map(toRun), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<BillingSyncRunDto> {
    const [row]: RunRow[] = await this.db.manager().query(`select ${COLUMNS} from billing_sync_runs r where r.id = $1 and r.tenant_id = $2`, [id, this.db.tenantId()]);
    if (!row) throw Problems.notFound('Sync run');
    return toRun(row);
  }

  /** Every tenant's runs (staff, the cross-tenant path), by tenant and status. */
  async adminList(query: AdminSyncRunQueryDto): Promise<Page<BillingSyncRunDto>> {
    await this.db.crossTenant();
    const list = new NewestFirstQuery('r', 'started_at');
    if (query.tenantId) list.where(`r.tenant_id = ${list.param(query.tenantId)}`);
    if (query.status) list.where(`r.status = ${list.param(query.status)}`);
    const page = await list.page<RunRow>(`select ${COLUMNS}, ${cursorTimestampSql('r.started_at')} as cursor_at from billing_sync_runs r`, query, (sql, params) =>
      this.db.manager().query(sql, params),
    );
    return { data: page.data.map(toRun), nextCursor: page.nextCursor };
  }

  /** The last run of every tenant with billing, runs failed in 24 h, and tenants never synced or not for 36 h. */
  async health(): Promise<BillingSyncHealthDto> {
    await this.db.crossTenant();
    const manager = this.db.manager();
    const tenants: RunRow[] = await manager.query(
      `select t.id as tenant_key, t.name as tenant_name, last_success.started_at as last_success_at, ${COLUMNS}
         from tenants t
         left join lateral (select * from billing_sync_runs s where s.tenant_id = t.id order by s.started_at desc, s.id desc limit 1) r on true
         left join lateral (select s.started_at from billing_sync_runs s where s.tenant_id = t.id and s.status = 'succeeded' order by s.started_at desc limit 1) last_success on true
        where exists (select 1 from stripe_accounts a where a.tenant_id = t.id)
           or exists (select 1 from billing_customers c where c.tenant_id = t.id)
           or exists (select 1 from billing_products p where p.tenant_id = t.id)
           or r.id is not null
        order by t.name, t.id`,
    );
    const failed: RunRow[] = await manager.query(
      `select ${COLUMNS} from billing_sync_runs r where r.status = 'failed' and r.finished_at > now() - interval '24 hours' order by r.started_at desc, r.id desc limit 200`,
    );
    const entries: TenantSyncHealthDto[] = tenants.map((row) => ({
      tenantId: row.tenant_key,
      tenantName: row.tenant_name,
      lastRun: row.id ? toRun(row) : null,
      lastSuccessAt: isoOrNull(row.last_success_at),
    }));
    const staleBefore = Date.now() - STALE_HOURS * 3600 * 1000;
    return {
      tenants: entries,
      failedLast24h: failed.map(toRun),
      stale: entries.filter((e) => !e.lastSuccessAt || new Date(e.lastSuccessAt).getTime() < staleBefore),
    };
  }
}
