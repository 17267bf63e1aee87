import { MetricsRegistry } from './metrics.registry';

describe('MetricsRegistry scrape collectors', () => {
  it('fills gauges from collectors on each scrape and replaces old series', async () => {
    const metrics = new MetricsRegistry();
    let depth = 3;
    metrics.addGauge({ name: 'dead_letters_open', help: 'Open dead letters', labelNames: ['queue'], collect: async () => [{ labels: { queue: 'email' }, value: depth }] });
    expect(await metrics.render()).toContain('dead_letters_open{queue="email"} 3');
    depth = 0;
    expect(await metrics.render()).toContain('dead_letters_open{queue="email"} 0');
  });

  it('a collector that hangs or throws leaves its gauges empty, counts the failure and does not hold up the others', async () => {
    const metrics = new MetricsRegistry();
    metrics.addGauge({ name: 'never_answers', help: 'x', timeoutMs: 50, collect: () => new Promise(() => undefined) });
    metrics.addGauge({ name: 'throws', help: 'x', collect: async () => Promise.reject(new Error('down')) });
    metrics.addGauge({ name: 'fine', help: 'x', collect: async () => [{ value: 7 }] });
    const started = Date.now();
    const text = await metrics.render();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(text).toContain('fine 7');
    expect(text).not.toMatch(/^never_answers /m);
    expect(text).not.toMatch(/^throws /m);
    expect(text).toContain('metrics_collector_failures_total{collector="never_answers"} 1');
    expect(text).toContain('metrics_collector_failures_total{collector="throws"} 1');
  });

  it('keeps registries of two applications in one process apart', async () => {
    const api = new MetricsRegistry();
    const worker = new MetricsRegistry();
    api.addGauge({ name: 'only_here', help: 'x', collect: async () => [{ value: 1 }] });
    expect(await worker.render()).not.toContain('only_here');
    expect(await api.render()).toMatch(/^process_cpu_user_seconds_total /m);
  });
});
