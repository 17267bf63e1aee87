import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { JOB_OPTIONS, JobName, QueueName } from './queue-names';

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
    private readonly queues: Map<QueueName, Queue>,
  ) {}

  async relayBatch(limit = 100): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `select id, queue, job_name, payload from outbox
          where dispatched_at is null and available_at <= now()
          order by available_at limit $1 for update skip locked`,
        [limit],
      );
      for (const row of rows) {
        const queue = this.queues.get(row.queue);
        if (!queue) throw new Error(`Outbox row ${row.id} names unknown queue ${row.queue}`);
        const options = JOB_OPTIONS[row.job_name];
        await queue.add(row.job_name, row.payload, {
          jobId: row.id,
          attempts: options?.attempts ?? 3,
          backoff: { type: 'exponential', delay: options?.backoffMs ?? 1000, jitter: 0.5 },
          removeOnComplete: { count: 1000, age: 24 * 3600 },
          removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
        });
      }
      if (rows.length) {
        await manager.query(`update outbox set dispatched_at = now(), attempts = attempts + 1 where id = any($1::uuid[])`, [rows.map((r) => r.id)]);
      }
      return rows.length;
    });
  }
}
