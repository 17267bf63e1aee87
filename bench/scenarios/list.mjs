// Scenario 2: a tenant-scoped cursor-paginated list (GET /api/v1/audit-logs) for a tenant with 10k rows
// vs one with 1M rows, at the same relative depths: through the API with a JWT (and, at 10k, with an API
// key), through a bare Fastify + pg arm doing the same authenticated transaction, and in SQL alone
// (keyset, and the same page read by OFFSET as the control).
import { resolve } from 'node:path';
import { startLoadGenerator } from '../lib/load.mjs';
import { DEPTHS, fillAuditLog, LIMIT, listPath, pagePositions } from '../lib/audit-list.mjs';
import { countPerRequest, expectStatus, logCounts, startCountingApi } from '../lib/counts.mjs';
import { bench, cpuOf, freePort, nextMessage, startNode, stopChild, waitForHttp } from '../lib/proc.mjs';
import { backendPids, signupTenant, startApi, withClient } from '../lib/stack.mjs';
import { medianOfRuns, percentile, ratio, round } from '../lib/stats.mjs';

const CONCURRENCY = 4;

// The columns and order of AuditLogsService.page() without its users join: the SQL-level controls
// (each run alone on one connection bound to the tenant, no HTTP, no transaction).
const COLUMNS = `a.id, a.tenant_id, a.actor_type, a.actor_id, a.actor_email, a.impersonator_id, a.action, a.entity_type, a.entity_id,
  a.before, a.after, a.ip, a.user_agent, a.request_id, a.created_at,
  to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at`;
const KEYSET_SQL = `select ${COLUMNS} from audit_logs a
  where a.tenant_id = $1::uuid and (a.created_at, a.id) < ($2::timestamptz, $3::uuid)
  order by a.created_at desc, a.id desc limit ${LIMIT + 1}`;
const OFFSET_SQL = `select ${COLUMNS} from audit_logs a
  where a.tenant_id = $1::uuid
  order by a.created_at desc, a.id desc limit ${LIMIT + 1} offset $2`;

/** Starts the bare arm (children/bare-fastify-pg.mjs) with the bench API's secret, database role and pool size. */
async function startBare(env) {
  const port = await freePort();
  const child = startNode(resolve(bench, 'children/bare-fastify-pg.mjs'), {
    env: { ...process.env, PORT: String(port), JWT_SECRET: env.JWT_SECRET, DATABASE_URL: env.DATABASE_URL, DATABASE_POOL_SIZE: env.DATABASE_POOL_SIZE ?? '10' },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/v1/health/live`, child);
  return { child, url, stop: () => stopChild(child) };
}

/** An API key of the tenant's owner with the audit read scope, created through the API. */
async function createApiKey(apiUrl, tenant) {
  const created = await expectStatus(`${apiUrl}/api/v1/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tenant.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bench list key', scopes: ['audit:read'] }),
  }, 201);
  return created.key;
}

const getPage = (baseUrl, token, cursor) => expectStatus(`${baseUrl}${listPath({ cursor })}`, { headers: { authorization: `Bearer ${token}` } }, 200);

/** Checks that following nextCursor through the API lands on the same rows as the computed cursors. */
async function checkCursors(apiUrl, tenant, owner) {
  let page = await getPage(apiUrl, tenant.accessToken, null);
  for (let i = 1; i < 4; i++) page = await getPage(apiUrl, tenant.accessToken, page.nextCursor);
  const { rows: [computed] } = await owner.query(
    `select id from audit_logs where tenant_id = $1 order by created_at desc, id desc offset $2 limit 1`, [tenant.tenantId, 3 * LIMIT]);
  if (page.data[0].id !== computed.id) throw new Error(`page 4 reached by cursors starts at ${page.data[0].id}, OFFSET ${3 * LIMIT} gives ${computed.id}`);
  const deep = tenant.positions.at(-1);
  const deepPage = await getPage(apiUrl, tenant.accessToken, deep.cursor);
  const { rows } = await owner.query(`select id from audit_logs where tenant_id = $1 order by created_at desc, id desc offset $2 limit $3`, [tenant.tenantId, deep.offset, LIMIT]);
  if (deepPage.data.map((r) => r.id).join() !== rows.map((r) => r.id).join()) throw new Error('the page at 90% depth read by cursor differs from the OFFSET page');
}

/** The bare arm answers each page with the same rows and the same next cursor as the API. */
async function checkBare(apiUrl, bareUrl, tenant) {
  for (const position of [tenant.positions[0], tenant.positions.at(-1)]) {
    const [ours, bare] = await Promise.all([getPage(apiUrl, tenant.accessToken, position.cursor), getPage(bareUrl, tenant.accessToken, position.cursor)]);
    if (ours.data.map((r) => r.id).join() !== bare.data.map((r) => r.id).join() || ours.nextCursor !== bare.nextCursor) {
      throw new Error(`the bare arm's page at ${position.depth * 100}% differs from the API's`);
    }
  }
}

export async function runList({ env, runs, quick }) {
  const durationSeconds = quick ? 2 : 4;
  const sizes = { '10k': 10_000, '1m': quick ? 200_000 : 1_000_000 };
  const api = await startApi(env);
  const bare = await startBare(env);
  const load = await startLoadGenerator();
  const sqlChildren = [];
  try {
    const tenants = {};
    for (const [label, rows] of Object.entries(sizes)) tenants[label] = { label, rows, ...(await signupTenant(env, api.url, label)) };
    const setup = await withClient(env.DATABASE_OWNER_URL, async (owner) => {
      const timings = {};
      for (const tenant of Object.values(tenants)) {
        const t0 = performance.now();
        await fillAuditLog(owner, tenant, tenant.rows);
        timings[`fill${tenant.label}Seconds`] = round((performance.now() - t0) / 1000, 1);
        console.log(`  inserted ${tenant.rows} audit rows for tenant ${tenant.label} in ${timings[`fill${tenant.label}Seconds`]} s`);
      }
      const t0 = performance.now();
      await owner.query('vacuum (analyze) audit_logs');
      timings.vacuumAnalyzeSeconds = round((performance.now() - t0) / 1000, 1);
      for (const tenant of Object.values(tenants)) {
        // The signup itself wrote audit rows too: count what the tenant really has.
        tenant.total = Number((await owner.query('select count(*) from audit_logs where tenant_id = $1', [tenant.tenantId])).rows[0].count);
        tenant.positions = await pagePositions(owner, tenant.tenantId, tenant.total);
        await checkCursors(api.url, tenant, owner);
        await checkBare(api.url, bare.url, tenant);
      }
      // API-key calls count against the plan's monthly allowance (10,000 on free): the key's tenant gets
      // the unlimited plan, which runs the same statements (the counter is still incremented).
      await owner.query(`update tenants set plan = 'enterprise' where id = $1`, [tenants['10k'].tenantId]);
      return timings;
    });
    const apiKey = await createApiKey(api.url, tenants['10k']);

    const variants = [];
    const sqlPids = [];
    const postgres = async () => (await backendPids(env)).filter((pid) => !sqlPids.includes(pid));
    /** A load variant over HTTP: the tenant's pages in turn, `connections` at a time. */
    const httpVariant = (name, label, server, tenant, token) => ({
      name,
      label,
      measure: async (seconds) => {
        const r = await load.run({
          url: server.url,
          connections: CONCURRENCY,
          duration: seconds,
          headers: { authorization: `Bearer ${token}` },
          requests: tenant.positions.map((p) => ({ method: 'GET', path: listPath(p) })),
        }, { server: [server.child.pid], postgres });
        if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx answers and ${r.errors} errors from the list route`);
        const serverCpuPercent = round((r.cpuMs.server / r.wallMs) * 100, 1);
        return {
          requestsPerSecond: r.requestsPerSecond,
          latencyP50Ms: r.latencyP50Ms,
          latencyP99Ms: r.latencyP99Ms,
          samples: r.totalRequests,
          serverCpuPercent,
          serverCpuMsPerRequest: round(r.cpuMs.server / r.totalRequests, 3),
          ...(server === api ? { apiCpuPercent: serverCpuPercent } : {}),
          postgresCpuPercent: round((r.cpuMs.postgres / r.wallMs) * 100, 1),
          postgresCpuMsPerRequest: round(r.cpuMs.postgres / r.totalRequests, 3),
          loadGeneratorCpuPercent: round((r.loadGeneratorCpuMs / r.wallMs) * 100, 1),
        };
      },
    });
    for (const tenant of Object.values(tenants)) {
      const child = startNode(resolve(bench, 'children/sql-pages.mjs'), { ipc: true });
      sqlChildren.push(child);
      const connected = nextMessage(child, 'connected');
      child.send({ type: 'connect', databaseUrl: env.DATABASE_URL, tenantId: tenant.tenantId, concurrency: CONCURRENCY });
      const { pids } = await connected;
      const sqlRun = async (sql, paramSets) => {
        const started = nextMessage(child, 'started');
        const done = nextMessage(child, 'done');
        child.send({ type: 'run', sql, paramSets, durationSeconds, expectRows: LIMIT + 1 });
        await started;
        const t0 = performance.now();
        const before = cpuOf(pids);
        const result = await done;
        const wallMs = performance.now() - t0;
        const pgCpu = cpuOf(pids) - before;
        return {
          requestsPerSecond: round(result.latencies.length / (wallMs / 1000), 1),
          latencyP50Ms: round(percentile(result.latencies, 50), 2),
          latencyP99Ms: round(percentile(result.latencies, 99), 2),
          samples: result.latencies.length,
          clientCpuPercent: round((result.cpuMs / wallMs) * 100, 1),
          postgresCpuPercent: round((pgCpu / wallMs) * 100, 1),
          postgresCpuMsPerQuery: round(pgCpu / result.latencies.length, 2),
        };
      };
      sqlPids.push(...pids);
      const deep = tenant.positions.filter((p) => p.cursor);
      const rows = `${tenant.total} rows in the tenant`;
      variants.push(httpVariant(`api-keyset-${tenant.label}`, `API GET ${listPath({ cursor: '…' })}, JWT (${rows})`, api, tenant, tenant.accessToken));
      if (tenant.label === '10k') variants.push(httpVariant(`apikey-keyset-${tenant.label}`, `API, the same pages with an API key (${rows})`, api, tenant, apiKey));
      variants.push(httpVariant(`bare-keyset-${tenant.label}`, `bare Fastify + pg: JWT verify, one RLS transaction, the API's keyset query (${rows})`, bare, tenant, tenant.accessToken));
      variants.push({
        name: `sql-keyset-${tenant.label}`,
        label: `the service's keyset query in SQL (${tenant.total} rows)`,
        measure: () => sqlRun(KEYSET_SQL, deep.map((p) => [tenant.tenantId, p.at, p.id])),
      });
      variants.push({
        name: `sql-offset-${tenant.label}`,
        label: `the same pages by LIMIT/OFFSET in SQL (${tenant.total} rows)`,
        measure: () => sqlRun(OFFSET_SQL, deep.map((p) => [tenant.tenantId, p.offset])),
      });
    }

    for (const variant of variants.filter((v) => !v.name.startsWith("sql-"))) await variant.measure(3); // warm-up of the servers, their pools and the JIT
    const perRun = Object.fromEntries(variants.map((v) => [v.name, []]));
    for (let run = 1; run <= runs; run++) {
      for (const variant of variants) {
        const result = await variant.measure(durationSeconds);
        perRun[variant.name].push(result);
        console.log(`  run ${run} ${variant.name.padEnd(18)} ${String(Math.round(result.requestsPerSecond)).padStart(5)}/s  p50 ${result.latencyP50Ms} ms  p99 ${result.latencyP99Ms} ms`);
      }
    }
    const medians = Object.fromEntries(variants.map((v) => [v.name, medianOfRuns(perRun[v.name])]));
    const ratios = {};
    const against = (name, a, b) => {
      ratios[name] = {
        requestsPerSecond: ratio(medians[a].requestsPerSecond, medians[b].requestsPerSecond),
        latencyP50Ms: ratio(medians[a].latencyP50Ms, medians[b].latencyP50Ms),
        latencyP99Ms: ratio(medians[a].latencyP99Ms, medians[b].latencyP99Ms),
        serverCpuMsPerRequest: ratio(medians[a].serverCpuMsPerRequest, medians[b].serverCpuMsPerRequest),
      };
    };
    for (const size of Object.keys(sizes)) against(`api/bare ${size}`, `api-keyset-${size}`, `bare-keyset-${size}`);
    against('apikey/bare 10k', 'apikey-keyset-10k', 'bare-keyset-10k');
    for (const kind of ['api-keyset', 'bare-keyset', 'sql-keyset', 'sql-offset']) {
      ratios[`${kind} 1m/10k`] = {
        latencyP99Ms: ratio(medians[`${kind}-1m`].latencyP99Ms, medians[`${kind}-10k`].latencyP99Ms),
        latencyP50Ms: ratio(medians[`${kind}-1m`].latencyP50Ms, medians[`${kind}-10k`].latencyP50Ms),
        requestsPerSecond: ratio(medians[`${kind}-1m`].requestsPerSecond, medians[`${kind}-10k`].requestsPerSecond),
      };
    }
    for (const size of Object.keys(sizes)) {
      ratios[`sql-offset/sql-keyset ${size}`] = { latencyP99Ms: ratio(medians[`sql-offset-${size}`].latencyP99Ms, medians[`sql-keyset-${size}`].latencyP99Ms) };
    }

    // Counted work per request, on the 10k tenant's pages in turn, in an API process of its own.
    const counter = await startCountingApi(env);
    const counts = {};
    try {
      const tenant = tenants['10k'];
      const page = (token) => (i) => expectStatus(`${counter.url}${listPath(tenant.positions[i % tenant.positions.length])}`, { headers: { authorization: `Bearer ${token}` } }, 200);
      counts['GET /api/v1/audit-logs (JWT)'] = await countPerRequest(counter, page(tenant.accessToken));
      counts['GET /api/v1/audit-logs (API key)'] = await countPerRequest(counter, page(apiKey));
    } finally {
      await counter.stop();
    }
    logCounts(counts);
    return {
      scenario: 'list',
      description: 'Cursor-paginated tenant list (audit log) at 10k vs 1M rows per tenant, pages from the first to 90% deep, through the API (JWT; API key at 10k) and a bare Fastify + pg arm; SQL keyset and OFFSET over the same pages as controls',
      settings: { limit: LIMIT, depths: DEPTHS, concurrency: CONCURRENCY, durationSeconds, runs, rowsPerTenant: Object.fromEntries(Object.values(tenants).map((t) => [t.label, t.total])), ...setup },
      variants: Object.fromEntries(variants.map((v) => [v.name, v.label])),
      medians,
      ratios,
      counts,
      runs: perRun,
    };
  } finally {
    for (const child of sqlChildren) await stopChild(child);
    await load.stop();
    await bare.stop();
    await api.stop();
  }
}
