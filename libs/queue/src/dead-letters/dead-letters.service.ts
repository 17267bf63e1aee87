import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { currentContext, cursorTimestampSql, isoOrNull, isUuid, NewestFirstQuery, type Page, ProblemException, Problems } from '@app/core';
import { Db } from '@app/database';
import { JobName } from '../queue-names';
import { isJobName } from '../job-policy';
import { staffViewOfPayload } from '../job-staff-view';
import { OutboxService } from '../outbox.service';
import type { DeadLetterStatus } from './dead-letter-status';
import type { DeadLetterDto } from './dto/dead-letter.dto';
import type { DeadLetterQueryDto } from './dto/dead-letter-query.dto';
import type { DeadLetterSummaryDto } from './dto/dead-letter-summary.dto';
import type { ReplayDeadLetterResultDto } from './dto/replay-dead-letter-result.dto';

interface DeadLetterRow {
  id: string;
  tenant_id: string | null;
  queue: string;
  job_name: string;
  job_id: string;
  payload: Record<string, unknown>;
  error: string;
  stack: string | null;
  attempts: number;
  failed_at: Date;
  status: DeadLetterStatus;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolved_by_email: string | null;
  tenant_name: string | null;
  resolution_reason: string | null;
  replayed_job_id: string | null;
  cursor_at: string;
}

const COLUMNS = `d.id, d.tenant_id, d.queue, d.job_name, d.job_id, d.payload, d.error, d.stack, d.attempts, d.failed_at, d.status,
  d.resolved_at, d.resolved_by, d.resolution_reason, d.replayed_job_id, ${cursorTimestampSql('d.failed_at')} as cursor_at,
  t.name as tenant_name, ru.email as resolved_by_email`;

/** Dead letters with the names staff read: the tenant's and the resolving staff member's email. */
const FROM = `dead_letters d left join tenants t on t.id = d.tenant_id left join users ru on ru.id = d.resolved_by`;


function toSummary(row: DeadLetterRow): DeadLetterSummaryDto {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    tenantName: row.tenant_name,
    queue: row.queue,
    jobName: row.job_name,
    jobId: row.job_id,
    payload: staffViewOfPayload(row.job_name, row.payload),
    error: row.error,
    attempts: row.attempts,
    failedAt: new Date(row.failed_at).toISOString(),
    status: row.status,
    resolvedAt: isoOrNull(row.resolved_at),
    resolvedBy: row.resolved_by,
    resolvedByEmail: row.resolved_by_email,
    resolutionReason: row.resolution_reason,
    replayedJobId: row.replayed_job_id,
  };
}

const toDto = (row: DeadLetterRow): DeadLetterDto => ({ ...toSummary(row), stack: row.stack });

function notOpen(row: DeadLetterRow): ProblemException {
  return new ProblemException('dead-letter-not-open', 409, 'Dead letter already resolved', `This dead letter was already ${row.status}.`, undefined, {
    deadLetterStatus: row.status,
  });
}

/**
 * Platform staff's dead letters: jobs that used up their attempts. A replay sends the same payload
 * again through the outbox under a new job id; a discard closes it with a reason. Both are audited
 * as platform events (no tenant) and run on the cross-tenant path.
 */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly db: Db,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  async list(query: DeadLetterQueryDto): Promise<Page<DeadLetterSummaryDto>> {
    await this.db.crossTenant();
    const list = new NewestFirstQuery('d', 'failed_at');
    if (query.status) list.where(`d.status = ${list.param(query.status)}`);
    if (query.queue) list.where(`d.queue = ${list.param(query.queue)}`);
    if (query.jobName) list.where(`d.job_name = ${list.param(query.jobName)}`);
    if (query.tenantId) list.where(`d.tenant_id = ${list.param(query.tenantId)}::uuid`);
    const page = await list.page<DeadLetterRow>(`select ${COLUMNS} from ${FROM}`, query, (sql, params) => this.db.query(sql, params));
    return { data: page.data.map(toSummary), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<DeadLetterDto> {
    await this.db.crossTenant();
    const [row]: DeadLetterRow[] = await this.db.manager().query(`select ${COLUMNS} from ${FROM} where d.id = $1`, [id]);
    if (!row) throw Problems.notFound('Dead letter');
    return toDto(row);
  }

  async replay(id: string): Promise<DeadLetterDto> {
    await this.db.crossTenant();
    await this.replayOne(await this.lock(id));
    return this.get(id);
  }

  /** Replays each open dead letter of the list; the others get a result saying why not. */
  async replayMany(ids: string[]): Promise<ReplayDeadLetterResultDto[]> {
    await this.db.crossTenant();
    const results = new Map<string, ReplayDeadLetterResultDto>();
    // Locks in a fixed order so two overlapping bulk replays cannot deadlock.
    for (const id of [...new Set(ids)].sort()) {
      try {
        results.set(id, { id, ok: true, replayedJobId: await this.replayOne(await this.lock(id)) });
      } catch (error) {
        if (!(error instanceof ProblemException)) throw error;
        results.set(id, { id, ok: false, error: error.slug, detail: error.detail });
      }
    }
    return [...new Set(ids)].map((id) => results.get(id)!);
  }

  async discard(id: string, reason: string): Promise<DeadLetterDto> {
    await this.db.crossTenant();
    const row = await this.lock(id);
    if (row.status !== 'open') throw notOpen(row);
    await this.db.manager().query(
      `update dead_letters set status = 'discarded', resolved_at = now(), resolved_by = $2, resolution_reason = $3 where id = $1`,
      [id, this.staffId(), reason],
    );
    // A discarded email will never be sent: its sealed content (links, names) goes now, not at housekeeping.
    const emailMessageId = row.job_name === JobName.SendEmail ? (row.payload as { emailMessageId?: unknown } | null)?.emailMessageId : undefined;
    if (typeof emailMessageId === 'string' && isUuid(emailMessageId)) {
      await this.db.query(`update email_messages set variables_sealed = null, template_sealed = null where id = $1 and status = 'failed'`, [emailMessageId]);
    }
    await this.audit.record({
      action: 'dead_letter.discarded',
      entityType: 'dead_letter',
      entityId: id,
      tenantId: null,
      before: { status: row.status },
      after: { status: 'discarded', reason, jobName: row.job_name, jobId: row.job_id, tenantId: row.tenant_id },
    });
    return this.get(id);
  }

  private async replayOne(row: DeadLetterRow): Promise<string> {
    if (row.status !== 'open') throw notOpen(row);
    if (!isJobName(row.job_name)) {
      throw Problems.conflict('unknown-job', `Job ${row.job_name} no longer exists, so it cannot be replayed; discard it instead.`);
    }
    const replayedJobId = await this.outbox.enqueueAfterCommit(row.job_name, row.payload as never);
    await this.db.manager().query(
      `update dead_letters set status = 'replayed', resolved_at = now(), resolved_by = $2, replayed_job_id = $3 where id = $1`,
      [row.id, this.staffId(), replayedJobId],
    );
    await this.audit.record({
      action: 'dead_letter.replayed',
      entityType: 'dead_letter',
      entityId: row.id,
      tenantId: null,
      before: { status: row.status },
      after: { status: 'replayed', replayedJobId, jobName: row.job_name, jobId: row.job_id, tenantId: row.tenant_id },
    });
    return replayedJobId;
  }

  private async lock(id: string): Promise<DeadLetterRow> {
    const [row]: DeadLetterRow[] = await this.db.manager().query(`select ${COLUMNS} from ${FROM} where d.id = $1 for update of d`, [id]);
    if (!row) throw Problems.notFound('Dead letter');
    return row;
  }

  private staffId(): string | null {
    return currentContext()?.principal?.userId ?? null;
  }
}
