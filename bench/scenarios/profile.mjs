// Scenario: where the API's CPU goes on the authenticated list (JWT, 10k-row tenant, the list scenario's
// pages and connections). The dist API runs under children/api-profiler.mjs; after a warm-up the V8
// sampling profiler runs for the length of one load run, and the profile is summarised as self time by
// component in µs per request (bench/lib/cpu-profile.mjs). The raw .cpuprofile stays in bench/results/tmp/.
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEPTHS, fillAuditLog, LIMIT, listPath, pagePositions } from '../lib/audit-list.mjs';
import { profileMarkdown, summariseProfile } from '../lib/cpu-profile.mjs';
import { startLoadGenerator } from '../lib/load.mjs';
import { bench, nextMessage } from '../lib/proc.mjs';
import { signupTenant, startApi, withClient } from '../lib/stack.mjs';
import { round } from '../lib/stats.mjs';

const CONCURRENCY = 4;
const ROWS = 10_000;
const INTERVAL_US = 500;

async function ask(child, message, answer) {
  const reply = nextMessage(child, answer);
  child.send(message);
  return reply;
}

export async function runProfile({ env, quick }) {
  const durationSeconds = quick ? 4 : 10;
  const api = await startApi(env, { script: resolve(bench, 'children/api-profiler.mjs'), ipc: true });
  const load = await startLoadGenerator();
  try {
    const tenant = { label: 'profile', ...(await signupTenant(env, api.url, 'profile')) };
    await withClient(env.DATABASE_OWNER_URL, async (owner) => {
      await fillAuditLog(owner, tenant, ROWS);
      await owner.query('vacuum (analyze) audit_logs');
      const total = Number((await owner.query('select count(*) from audit_logs where tenant_id = $1', [tenant.tenantId])).rows[0].count);
      tenant.positions = await pagePositions(owner, tenant.tenantId, total);
    });
    const options = (duration) => ({
      url: api.url,
      connections: CONCURRENCY,
      duration,
      headers: { authorization: `Bearer ${tenant.accessToken}` },
      requests: tenant.positions.map((p) => ({ method: 'GET', path: listPath(p) })),
    });
    await load.run(options(quick ? 2 : 4)); // warm-up: JIT, pool, caches
    const dir = resolve(bench, 'results/tmp');
    mkdirSync(dir, { recursive: true });
    const file = resolve(dir, `api-list-jwt-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
    await ask(api.child, { type: 'profile-start', intervalUs: INTERVAL_US }, 'profile-started');
    const r = await load.run(options(durationSeconds), { api: [api.child.pid] });
    await ask(api.child, { type: 'profile-stop', file }, 'profile-stopped');
    if (r.non2xx || r.errors) throw new Error(`${r.non2xx} non-2xx answers and ${r.errors} errors from the list route`);
    const summary = summariseProfile(JSON.parse(readFileSync(file, 'utf8')), r.totalRequests);
    const markdown = profileMarkdown(summary);
    console.log(`  ${r.totalRequests} requests, ${Math.round(r.requestsPerSecond)} req/s; API CPU ${round(r.cpuMs.api / r.totalRequests * 1000, 0)} µs/request from /proc, ${summary.activeUsPerRequest} µs/request on the main thread in the profile`);
    console.log(`  profile: ${file}`);
    console.log(markdown.split('\n').map((line) => `  ${line}`).join('\n'));
    return {
      scenario: 'profile',
      description: 'CPU profile of the API (dist) under the authenticated list load (JWT, 10k-row tenant): self time by component, µs per request',
      settings: { route: `GET ${listPath({ cursor: '…' })}`, limit: LIMIT, depths: DEPTHS, rows: ROWS, concurrency: CONCURRENCY, durationSeconds, samplingIntervalUs: INTERVAL_US, runs: 1 },
      load: { requests: r.totalRequests, requestsPerSecond: r.requestsPerSecond, latencyP50Ms: r.latencyP50Ms, apiCpuUsPerRequest: round((r.cpuMs.api / r.totalRequests) * 1000, 1) },
      profileFile: file.slice(bench.length + 1),
      summary,
      markdown,
      medians: {},
      ratios: {},
    };
  } finally {
    await load.stop();
    await api.stop();
  }
}
