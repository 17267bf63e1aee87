import { DynamicModule, Module } from '@nestjs/common';
import { DatabasePoolMetrics } from './database-pool.metrics';
import { HttpMetrics } from './http.metrics';
import { JobMetrics } from './job.metrics';
import { MetricsEndpoint } from './metrics.endpoint';
import { MetricsRegistry } from './metrics.registry';
import { MonitoredQueues } from './monitored-queues';
import { OutboxLagService } from './outbox-lag.service';
import { DeadLetterMetrics } from './dead-letter.metrics';
import { OutboxMetrics } from './outbox.metrics';
import { QueueMetrics } from './queue.metrics';
import { WorkerMetricsServer } from './worker-metrics.server';

/**
 * Prometheus metrics. The API exposes HTTP latency, queue depths and outbox lag at /metrics; the worker
 * exposes job durations and outcomes on its own port; both report waits for their database pool.
 * Other modules add scrape-time gauges through MetricsRegistry.addGauge / addCollector (e.g. the open
 * dead-letter count).
 */
@Module({})
export class MetricsModule {
  static forApi(): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      providers: [MetricsRegistry, DatabasePoolMetrics, HttpMetrics, MetricsEndpoint, OutboxLagService, OutboxMetrics, DeadLetterMetrics, MonitoredQueues, QueueMetrics],
      exports: [MetricsRegistry, HttpMetrics, MetricsEndpoint, OutboxLagService, MonitoredQueues],
    };
  }

  static forWorker(): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      providers: [MetricsRegistry, DatabasePoolMetrics, JobMetrics, WorkerMetricsServer],
      exports: [MetricsRegistry, JobMetrics],
    };
  }
}
