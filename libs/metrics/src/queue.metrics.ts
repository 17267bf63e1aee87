import { Injectable, OnModuleInit } from '@nestjs/common';
import { MetricsRegistry } from './metrics.registry';
import { MonitoredQueues } from './monitored-queues';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** Jobs per queue and state, read from Redis on each scrape. */
@Injectable()
export class QueueMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly queues: MonitoredQueues,
  ) {}

  onModuleInit(): void {
    this.metrics.addCollector({
      name: 'queues',
      gauges: [{ name: 'queue_jobs', help: 'BullMQ jobs per queue and state (waiting, active, delayed, failed, completed)', labelNames: ['queue', 'state'] }],
      collect: async () => {
        const counts = await Promise.all(this.queues.all().map(async (queue) => ({ queue: queue.name, counts: await queue.getJobCounts(...STATES) })));
        return counts.flatMap(({ queue, counts: byState }) => STATES.map((state) => ({ gauge: 'queue_jobs', labels: { queue, state }, value: byState[state] ?? 0 })));
      },
    });
  }
}
