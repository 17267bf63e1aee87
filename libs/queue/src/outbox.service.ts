import { Injectable } from '@nestjs/common';
import { newId } from '@app/core';
import { Db } from '@app/database';
import { JOB_QUEUE, JobName, PayloadOf } from './queue-names';

/**
 * The one way domain code asks for background work: an outbox row written in the current transaction.
 * The worker's relay moves it to BullMQ after commit, so the job exists exactly when the change does.
 */
@Injectable()
export class OutboxService {
  constructor(private readonly db: Db) {}

  /** With `delayMs`, the relay leaves the row alone until that much time after the transaction started. */
  async enqueueAfterCommit<N extends JobName>(name: N, data: PayloadOf<N>, options: { delayMs?: number } = {}): Promise<string> {
    const id = newId();
    await this.db.manager().query(
      `insert into outbox (id, tenant_id, queue, job_name, payload, available_at)
       values ($1, $2, $3, $4, $5, now() + make_interval(secs => $6::double precision / 1000))`,
      [id, (data as { tenantId?: string | null }).tenantId ?? null, JOB_QUEUE[name], name, JSON.stringify(data), Math.max(0, options.delayMs ?? 0)],
    );
    return id;
  }
}
