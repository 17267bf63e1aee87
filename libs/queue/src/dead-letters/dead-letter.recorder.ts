import { isUuid, newId } from '@app/core';
import type { Db } from '@app/database';

export interface ExhaustedJob {
  queue: string;
  jobName: string;
  jobId: string;
  payload: unknown;
  error: string;
  stack: string | null;
  attempts: number;
}

const MAX_ERROR = 2000;
const MAX_STACK = 8000;

/**
 * Parks a job that used up its attempts as an open dead letter, once per job id: the same job failing
 * again while its dead letter is open (retried from the queue dashboard) updates that dead letter.
 * A replay runs under a new job id, so if it fails too it becomes a dead letter of its own.
 */
export async function recordDeadLetter(db: Db, job: ExhaustedJob): Promise<void> {
  const tenantId = (job.payload as { tenantId?: unknown } | null)?.tenantId;
  await db.transaction({}, async (manager) => {
    await db.crossTenant();
    await manager.query(
      `insert into dead_letters (id, tenant_id, queue, job_name, job_id, payload, error, stack, attempts)
       values ($9, (select id from tenants where id = $1::uuid), $2, $3, $4, $5, $6, $7, $8)
       on conflict (job_id) where status = 'open'
       do update set error = excluded.error, stack = excluded.stack, attempts = excluded.attempts, failed_at = now()`,
      [
        typeof tenantId === 'string' && isUuid(tenantId) ? tenantId : null,
        job.queue,
        job.jobName,
        job.jobId,
        JSON.stringify(job.payload ?? {}),
        job.error.slice(0, MAX_ERROR) || 'unknown error',
        job.stack ? job.stack.slice(0, MAX_STACK) : null,
        job.attempts,
        newId(),
      ],
    );
    if (isUuid(job.jobId)) await manager.query(`update outbox set failed_at = now() where id = $1 and failed_at is null`, [job.jobId]);
  });
}
