import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { ScrapeCollector } from './scrape-collector';
import { withTimeout } from './with-timeout';

const DEFAULT_COLLECT_TIMEOUT_MS = 1500;

/** Drops every series; prom-client's reset() alone would leave a label-less gauge reading 0, which would lie. */
function clear(gauge: Gauge): void {
  gauge.reset();
  gauge.remove({});
}

/**
 * The process's Prometheus registry (one per Nest application, so the API and a worker sharing a
 * process in tests keep separate metrics). Modules add scrape-time gauges with `addCollector`.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private readonly collectors: Array<{ collector: ScrapeCollector; gauges: Map<string, Gauge> }> = [];
  private readonly failures: Counter<'collector'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.failures = new Counter({
      name: 'metrics_collector_failures_total',
      help: 'Scrapes where a collector failed or timed out (its gauges were left empty)',
      labelNames: ['collector'],
      registers: [this.registry],
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  addCollector(collector: ScrapeCollector): void {
    const gauges = new Map<string, Gauge>();
    for (const definition of collector.gauges) {
      gauges.set(definition.name, new Gauge({ name: definition.name, help: definition.help, labelNames: definition.labelNames ?? [], registers: [this.registry] }));
    }
    this.collectors.push({ collector, gauges });
  }

  /** A collector of one gauge, e.g. `addGauge({ name: 'dead_letters_open', help, collect: async () => [{ value: n }] })`. */
  addGauge(definition: { name: string; help: string; labelNames?: string[]; timeoutMs?: number; collect(): Promise<Array<{ labels?: Record<string, string>; value: number }>> }): void {
    this.addCollector({
      name: definition.name,
      gauges: [{ name: definition.name, help: definition.help, labelNames: definition.labelNames }],
      timeoutMs: definition.timeoutMs,
      collect: async () => (await definition.collect()).map((sample) => ({ gauge: definition.name, ...sample })),
    });
  }

  /** Runs every collector in parallel (each bounded by its timeout), then renders the text format. */
  async render(): Promise<string> {
    await Promise.all(this.collectors.map((entry) => this.refresh(entry)));
    return this.registry.metrics();
  }

  private async refresh({ collector, gauges }: { collector: ScrapeCollector; gauges: Map<string, Gauge> }): Promise<void> {
    try {
      const samples = await withTimeout(collector.collect(), collector.timeoutMs ?? DEFAULT_COLLECT_TIMEOUT_MS, `collector ${collector.name}`);
      for (const gauge of gauges.values()) clear(gauge);
      for (const sample of samples) gauges.get(sample.gauge)?.set(sample.labels ?? {}, sample.value);
    } catch (error) {
      for (const gauge of gauges.values()) clear(gauge);
      this.failures.inc({ collector: collector.name });
      this.logger.warn(`metrics collector ${collector.name}: ${(error as Error).message}`);
    }
  }
}
