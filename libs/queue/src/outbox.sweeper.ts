import type { Queue } from 'bullmq';
import type { Db } from '@app/database';
import { recordDeadLetter } from './dead-letters/dead-letter.recorder';
import { isJobName, jobOptions } from './job-policy';
import { JOB_OPTIONS, type QueueName } from './queue-names';

interface InFlightRow {
  id: string;
  queue: QueueName;
  job_name: string;
  payload: unknown;
}

export interface SweepResult {
  checked: number;
  resent: number;
  completed: number;
  deadLettered: number;
}

/**
 * Catches what the relay cannot: outbox rows dispatched a while ago whose job never finished. Redis
 * runs without persistence, so a restart (or a flush) loses queued jobs; such a job is added again
 * under the same job id. A job found completed or exhausted whose outcome was not written back (the
 * worker died in between) gets its outbox row, and its dead letter, written now.
 * Runs inside a transaction (db.manager()); callers make it a singleton.
 */
export class OutboxSweeper {
  constructor(
    private readonly db: Db,
    private readonly queues: ReadonlyMap<QueueName, Queue>,
    private readonly afterSeconds: number,
  ) {}

  async sweep(limit = 500): Promise<SweepResult> {
    await this.db.crossTenant();
    const manager = this.db.manager();
    const rows: InFlightRow[] = await manager.query(
      `select id, queue, job_name, payload from outbox
        where dispatched_at is not null and completed_at is null and failed_at is null
          and coalesce(swept_at, dispatched_at) < now() - make_interval(secs => $1)
        order by coalesce(swept_at, dispatched_at) limit $2`,
      [this.afterSeconds, limit],
    );
    const result: SweepResult = { checked: rows.length, resent: 0, completed: 0, deadLettered: 0 };
    for (const row of rows) {
      const queue = this.queues.get(row.queue);
      if (!queue || !isJobName(row.job_name)) {
        await manager.query(`update outbox set failed_at = now(), last_error = $2 where id = $1`, [row.id, `unknown job ${row.job_name} on queue ${row.queue}`]);
        continue;
      }
      const job = await queue.getJob(row.id);
      if (!job) {
        await queue.add(row.job_name, row.payload, jobOptions(row.job_name, row.id));
        await manager.query(`update outbox set dispatched_at = now(), swept_at = now(), attempts = attempts + 1 where id = $1`, [row.id]);
        result.resent++;
        continue;
      }
      const state = await job.getState();
      if (state === 'completed') {
        await manager.query(`update outbox set completed_at = now() where id = $1`, [row.id]);
        result.completed++;
      } else if (state === 'failed' && JOB_OPTIONS[row.job_name].deadLetter) {
        await recordDeadLetter(this.db, {
          queue: row.queue,
          jobName: row.job_name,
          jobId: row.id,
          payload: row.payload,
          error: job.failedReason ?? 'failed',
          stack: job.stacktrace?.at(-1) ?? null,
          attempts: job.attemptsMade,
        });
        result.deadLettered++;
      } else if (state === 'failed') {
        await manager.query(`update outbox set failed_at = now() where id = $1`, [row.id]);
      } else {
        await manager.query(`update outbox set swept_at = now() where id = $1`, [row.id]);
      }
    }
    return result;
  }
}
