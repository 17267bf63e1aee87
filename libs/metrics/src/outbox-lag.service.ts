import { Injectable } from '@nestjs/common';
import { Db } from '@app/database';

export interface OutboxLag {
  /** Outbox rows due for dispatch and not yet moved to BullMQ. */
  pending: number;
  /** How long the oldest of them has been due, in seconds (0 when none). */
  oldestPendingAgeSeconds: number;
}

/** How far the outbox relay is behind, over every tenant's rows (the cross-tenant path). */
@Injectable()
export class OutboxLagService {
  constructor(private readonly db: Db) {}

  async read(): Promise<OutboxLag> {
    const [row] = await this.db.transaction({}, async (manager) => {
      await this.db.crossTenant();
      return manager.query(
        `select count(*)::int as pending,
                coalesce(extract(epoch from now() - min(available_at)), 0)::float8 as age
           from outbox where dispatched_at is null and available_at <= now()`,
      );
    });
    return { pending: Number(row.pending), oldestPendingAgeSeconds: Math.max(0, Number(row.age)) };
  }
}
