// Scenario: authenticated writes through the API, each request alone in its transaction:
// (a) create an API key then revoke it (POST /api/v1/api-keys, DELETE /api/v1/api-keys/{id}, in turn on
// every connection), (b) PATCH /api/v1/tenant changing the tenant's name back and forth. Runs
// interleaved; then the counted statements and round trips per request of each route.
import { startLoadGenerator } from '../lib/load.mjs';
import { countPerRequest, expectStatus, logCounts, startCountingApi } from '../lib/counts.mjs';
import { backendPids, signupTenant, startApi } from '../lib/stack.mjs';
import { medianOfRuns, round } from '../lib/stats.mjs';

const CONCURRENCY = 4;
const SCOPES = ['audit:read'];

export async function runWrite({ env, runs, quick }) {
  const durationSeconds = quick ? 2 : 4;
  const api = await startApi(env);
  const load = await startLoadGenerator();
  try {
    // Its own tenant: the keys and audit rows these writes leave behind stay out of the list scenario.
    // Revoked keys stay in api_keys (the plans limit members, API calls and journeys, not keys).
    const tenant = await signupTenant(env, api.url, 'write');
    const auth = { authorization: `Bearer ${tenant.accessToken}` };
    const json = { ...auth, 'content-type': 'application/json' };
    const current = await expectStatus(`${api.url}/api/v1/tenant`, { headers: auth }, 200);
    const names = [`${current.name} (a)`, `${current.name} (b)`];
    const patch = (name) => ({ method: 'PATCH', path: '/api/v1/tenant', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });
    const variants = [
      {
        name: 'api-key-create-revoke',
        label: 'POST /api/v1/api-keys then DELETE /api/v1/api-keys/{id} (the key just created), in turn on each connection',
        options: { flow: 'create-revoke-api-key', flowOptions: { scopes: SCOPES } },
      },
      { name: 'tenant-patch', label: 'PATCH /api/v1/tenant, the name changed back and forth', options: { requests: names.map(patch) } },
    ];
    const measure = async (variant, seconds) => {
      const r = await load.run(
        { url: api.url, connections: CONCURRENCY, duration: seconds, headers: auth, ...variant.options },
        { server: [api.child.pid], postgres: () => backendPids(env) },
      );
      if (r.non2xx || r.errors) throw new Error(`${variant.name}: ${r.non2xx} non-2xx answers and ${r.errors} errors`);
      return {
        requestsPerSecond: r.requestsPerSecond,
        latencyP50Ms: r.latencyP50Ms,
        latencyP99Ms: r.latencyP99Ms,
        samples: r.totalRequests,
        serverCpuPercent: round((r.cpuMs.server / r.wallMs) * 100, 1),
        serverCpuMsPerRequest: round(r.cpuMs.server / r.totalRequests, 3),
        postgresCpuPercent: round((r.cpuMs.postgres / r.wallMs) * 100, 1),
        postgresCpuMsPerRequest: round(r.cpuMs.postgres / r.totalRequests, 3),
        loadGeneratorCpuPercent: round((r.loadGeneratorCpuMs / r.wallMs) * 100, 1),
      };
    };
    for (const variant of variants) await measure(variant, 1); // warm-up
    const perRun = Object.fromEntries(variants.map((v) => [v.name, []]));
    for (let run = 1; run <= runs; run++) {
      for (const variant of variants) {
        const result = await measure(variant, durationSeconds);
        perRun[variant.name].push(result);
        console.log(`  run ${run} ${variant.name.padEnd(21)} ${String(Math.round(result.requestsPerSecond)).padStart(5)} req/s  p50 ${result.latencyP50Ms} ms  p99 ${result.latencyP99Ms} ms`);
      }
    }
    const medians = Object.fromEntries(variants.map((v) => [v.name, medianOfRuns(perRun[v.name])]));

    const counter = await startCountingApi(env);
    const counts = {};
    try {
      const url = `${counter.url}/api/v1`;
      const ids = [];
      counts['POST /api/v1/api-keys'] = await countPerRequest(counter, async () => {
        ids.push((await expectStatus(`${url}/api-keys`, { method: 'POST', headers: json, body: JSON.stringify({ name: 'Bench counted key', scopes: SCOPES }) }, 201)).id);
      });
      counts['DELETE /api/v1/api-keys/{id}'] = await countPerRequest(counter, (i) => expectStatus(`${url}/api-keys/${ids[i]}`, { method: 'DELETE', headers: auth }, 204));
      const patchBody = (i) => JSON.stringify({ name: names[i % 2] });
      counts['PATCH /api/v1/tenant'] = await countPerRequest(counter, (i) => expectStatus(`${url}/tenant`, { method: 'PATCH', headers: json, body: patchBody(i) }, 200));
      counts['PATCH /api/v1/tenant (Idempotency-Key)'] = await countPerRequest(counter, (i) =>
        expectStatus(`${url}/tenant`, { method: 'PATCH', headers: { ...json, 'idempotency-key': `bench-${process.pid}-${Date.now()}-${i}` }, body: patchBody(i) }, 200));
    } finally {
      await counter.stop();
    }
    logCounts(counts);
    return {
      scenario: 'write',
      description: 'Authenticated writes through the API (JWT): create + revoke an API key, PATCH the tenant; requests per second, latency and counted work per request',
      settings: { concurrency: CONCURRENCY, durationSeconds, runs, scopes: SCOPES, order: variants.map((v) => v.name) },
      variants: Object.fromEntries(variants.map((v) => [v.name, v.label])),
      medians,
      ratios: {},
      counts,
      runs: perRun,
    };
  } finally {
    await load.stop();
    await api.stop();
  }
}
