import { Injectable, OnModuleInit } from '@nestjs/common';
import { Db } from '@app/database';
import { MetricsRegistry } from './metrics.registry';

/** Open dead letters per queue: jobs that used up their retries and wait for staff to replay or discard. */
@Injectable()
export class DeadLetterMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly db: Db,
  ) {}

  onModuleInit(): void {
    this.metrics.addGauge({
      name: 'dead_letters_open',
      help: 'Jobs that used up their retries and are waiting to be replayed or discarded, per queue',
      labelNames: ['queue'],
      collect: async () => {
        const rows: Array<{ queue: string; open: number }> = await this.db.transaction({}, async (manager) => {
          // Dead letters belong to the platform: readable only on the cross-tenant path.
          await this.db.crossTenant();
          return manager.query(`select queue, count(*)::int as open from dead_letters where status = 'open' group by queue`);
        });
        return rows.map((row) => ({ labels: { queue: row.queue }, value: row.open }));
      },
    });
  }
}
