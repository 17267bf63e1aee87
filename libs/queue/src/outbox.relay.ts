import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { isJobName, jobOptions } from './job-policy';
import { JobName, QueueName } from './queue-names';

interface OutboxRow {
  id: string;
  queue: QueueName;
  job_name: JobName;
  payload: unknown;
}

/**
 * Moves committed outbox rows to BullMQ. Rows are claimed with SKIP LOCKED so several relays can run;
 * the BullMQ job id is the outbox id, so a row sent twice (crash between add and update) is one job.
 */
export class OutboxRelay {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: ReadonlyMap<QueueName, Queue>,
  ) {}

  async relayBatch(limit = 100): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // The relay moves every tenant's rows: the explicit cross-tenant path of row-level security.
      await manager.query(`select set_config('app.cross_tenant', 'on', true)`);
      const rows: OutboxRow[] = await manager.query(
        `select id, queue, job_name, payload from outbox
          where dispatched_at is null and failed_at is null and available_at <= now()
          order by available_at limit $1 for update skip locked`,
        [limit],
      );
      const sent: string[] = [];
      for (const row of rows) {
        const queue = this.queues.get(row.queue);
        if (!queue || !isJobName(row.job_name)) {
          // A job renamed or removed since the row was written: park the row instead of blocking the relay.
          await manager.query(`update outbox set failed_at = now(), last_error = $2 where id = $1`, [row.id, `unknown job ${row.job_name} on queue ${row.queue}`]);
          continue;
        }
        await queue.add(row.job_name, row.payload, jobOptions(row.job_name, row.id));
        sent.push(row.id);
      }
      if (sent.length) {
        await manager.query(`update outbox set dispatched_at = now(), attempts = attempts + 1 where id = any($1::uuid[])`, [sent]);
      }
      return rows.length;
    });
  }
}
