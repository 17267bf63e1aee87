import { Injectable, OnModuleInit } from '@nestjs/common';
import { MetricsRegistry } from './metrics.registry';
import { OutboxLagService } from './outbox-lag.service';

/** Outbox backlog gauges, read from PostgreSQL on each scrape. */
@Injectable()
export class OutboxMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly outboxLag: OutboxLagService,
  ) {}

  onModuleInit(): void {
    this.metrics.addCollector({
      name: 'outbox',
      gauges: [
        { name: 'outbox_pending_rows', help: 'Outbox rows due for dispatch and not yet moved to BullMQ' },
        { name: 'outbox_oldest_pending_age_seconds', help: 'Age in seconds of the oldest due, undispatched outbox row (0 when none)' },
      ],
      collect: async () => {
        const lag = await this.outboxLag.read();
        return [
          { gauge: 'outbox_pending_rows', value: lag.pending },
          { gauge: 'outbox_oldest_pending_age_seconds', value: lag.oldestPendingAgeSeconds },
        ];
      },
    });
  }
}
