// Issue 8's and issue 9's targets, each read from one scenario's results file (older files too: what a file does not
// hold reads as not measured). Ratios are of arms measured in the same bench run.

const count = (route, field) => (result) => result.counts?.[route]?.[field] ?? null;
const workDetail = (route) => (result) => {
  const c = result.counts?.[route];
  return c ? `${c.sqlRoundTrips} SQL round trips, ${c.sqlStatements} statements, ${c.redisRoundTrips} Redis round trips` : null;
};

export const TARGETS = [
  {
    scenario: 'http',
    label: '`GET /api/v1/health/live` vs bare Fastify',
    target: 'req/s ≥ 0.80 of bare',
    measured: (r) => r.ratios?.['api/fastify']?.requestsPerSecond ?? null,
    met: (v) => v >= 0.8,
  },
  {
    scenario: 'list',
    label: 'authenticated list (JWT, 10k rows) vs bare Fastify + pg',
    target: 'req/s ≥ 0.60 of bare',
    measured: (r) => r.ratios?.['api/bare 10k']?.requestsPerSecond ?? null,
    met: (v) => v >= 0.6,
  },
  {
    scenario: 'list',
    label: 'authenticated list (JWT, 10k rows) vs bare Fastify + pg',
    target: 'p50 ≤ 2× bare',
    measured: (r) => r.ratios?.['api/bare 10k']?.latencyP50Ms ?? null,
    met: (v) => v <= 2,
  },
  {
    scenario: 'list',
    label: 'the same list with an API key vs the same bare arm',
    target: 'req/s ≥ 0.55 of bare',
    measured: (r) => r.ratios?.['apikey/bare 10k']?.requestsPerSecond ?? null,
    met: (v) => v >= 0.55,
  },
  ...['POST /api/v1/api-keys', 'DELETE /api/v1/api-keys/{id}', 'PATCH /api/v1/tenant'].map((route) => ({
    scenario: 'write',
    label: `authenticated write \`${route}\``,
    target: '≤ 1 transaction per request (round trips reported)',
    measured: count(route, 'transactions'),
    detail: workDetail(route),
    met: (v) => v <= 1,
  })),
  {
    scenario: 'jobs',
    label: 'job drain, worker CPU per job vs bare BullMQ worker',
    target: '≤ 1.15× bare',
    measured: (r) => r.ratios?.['ours/bare']?.workerCpuMsPerJob ?? null,
    met: (v) => v <= 1.15,
  },
  {
    scenario: 'ingest',
    issue: 9,
    label: 'Stripe webhook ingest (new events) vs bare Fastify + pg + BullMQ',
    target: 'req/s ≥ 0.85 of bare',
    measured: (r) => r.ratios?.['ours/bare fresh']?.requestsPerSecond ?? null,
    met: (v) => v >= 0.85,
  },
  {
    scenario: 'ingest',
    issue: 9,
    label: 'Stripe webhook ingest at 70 % of our max rate',
    target: 'p99 < 1000 ms',
    measured: (r) => r.medians?.['ours-fresh-70pct']?.latencyP99Ms ?? null,
    detail: (r) => (r.settings?.offeredRate ? `${r.settings.offeredRate} req/s offered` : null),
    met: (v) => v < 1000,
  },
  {
    scenario: 'ingest',
    issue: 9,
    label: 'drain of stored Stripe events, events/s vs bare BullMQ worker',
    target: '≥ 0.90 of bare',
    measured: (r) => r.drain?.ratios?.['ours/bare']?.eventsPerSecond ?? null,
    detail: (r) => (r.drain ? `worker CPU per event ${r.drain.ratios['ours/bare'].workerCpuMsPerEvent}× bare` : null),
    met: (v) => v >= 0.9,
  },
];

/** The targets a scenario's result answers: { label, target, measured, detail, met } (met null when not measured). */
export function evaluateTargets(scenario, result) {
  return TARGETS.filter((t) => t.scenario === scenario).map((t) => {
    const measured = t.measured(result);
    return { scenario, issue: t.issue ?? 8, label: t.label, target: t.target, measured, detail: t.detail?.(result) ?? null, met: measured === null ? null : t.met(measured) };
  });
}
