// Scenario 2: a tenant-scoped cursor-paginated list (GET /api/v1/audit-logs) for a tenant with 10k rows
// vs one with 1M rows, at the same relative depths, with the same page read by OFFSET as the control.
import { resolve } from 'node:path';
import { startLoadGenerator } from '../lib/load.mjs';
import { bench, cpuOf, nextMessage, startNode, stopChild } from '../lib/proc.mjs';
import { backendPids, signupTenant, startApi, withClient } from '../lib/stack.mjs';
import { medianOfRuns, percentile, ratio, round } from '../lib/stats.mjs';

const LIMIT = 25;
/** Pages start at these fractions of the tenant's rows: from the first page down to 90% deep. */
const DEPTHS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
const CONCURRENCY = 4;
const YEAR_SECONDS = 365 * 86_400;

// The columns and order of AuditLogsService.page(), so the SQL-level runs read what the API reads.
const COLUMNS = `a.id, a.tenant_id, a.actor_type, a.actor_id, a.actor_email, a.impersonator_id, a.action, a.entity_type, a.entity_id,
  a.before, a.after, a.ip, a.user_agent, a.request_id, a.created_at,
  to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_at`;
const KEYSET_SQL = `select ${COLUMNS} from audit_logs a
  where a.tenant_id = $1::uuid and (a.created_at, a.id) < ($2::timestamptz, $3::uuid)
  order by a.created_at desc, a.id desc limit ${LIMIT + 1}`;
const OFFSET_SQL = `select ${COLUMNS} from audit_logs a
  where a.tenant_id = $1::uuid
  order by a.created_at desc, a.id desc limit ${LIMIT + 1} offset $2`;

/**
 * Inserts `rows` audit events for one tenant in a single INSERT ... SELECT generate_series, spread over a
 * year, with time-ordered (v7-layout) ids and a mix of actions, entities and small before/after diffs.
 */
async function fill(client, tenant, rows) {
  await client.query(
    `insert into audit_logs (id, tenant_id, actor_type, actor_id, actor_email, action, entity_type, entity_id, before, after, ip, user_agent, request_id, created_at)
     select (lpad(to_hex((extract(epoch from ts) * 1000)::bigint), 12, '0') || '7' || substr(h, 1, 3) || '8' || substr(h, 4, 15))::uuid,
            $1::uuid, 'user', $2::uuid, $3,
            (array['member.invite', 'member.update', 'role.update', 'settings.update', 'api_key.create', 'webhook.update'])[1 + i % 6],
            (array['membership', 'role', 'tenant', 'api_key', 'webhook_endpoint'])[1 + i % 5],
            substr(h, 17, 16),
            jsonb_build_object('name', 'Item ' || (i % 1000), 'status', 'active'),
            jsonb_build_object('name', 'Item ' || (i % 1000), 'status', case when i % 3 = 0 then 'archived' else 'active' end),
            '203.0.113.' || (i % 250), 'Mozilla/5.0 (bench)', h,
            ts
       from (select i, now() - make_interval(secs => i * $4::float8) as ts, md5(i::text || $1) as h from generate_series(1, $5::int) i) s`,
    [tenant.tenantId, tenant.userId, `owner@${tenant.label}.bench`, YEAR_SECONDS / rows, rows],
  );
}

/** The keyset (cursor_at, id) of the row just above each depth, as the API's opaque cursor encodes it. */
async function positions(client, tenantId, total) {
  const result = [];
  for (const depth of DEPTHS) {
    const offset = Math.floor(depth * total);
    if (offset === 0) {
      result.push({ depth, offset, cursor: null, at: null, id: null });
      continue;
    }
    const { rows } = await client.query(
      `select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at from audit_logs
        where tenant_id = $1 order by created_at desc, id desc offset $2 limit 1`,
      [tenantId, offset - 1],
    );
    const { id, at } = rows[0];
    result.push({ depth, offset, at, id, cursor: Buffer.from(JSON.stringify({ v: at, id })).toString('base64url') });
  }
  return result;
}

async function getPage(apiUrl, token, cursor) {
  const res = await fetch(`${apiUrl}/api/v1/audit-logs?limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET /api/v1/audit-logs answered ${res.status}: ${await res.text()}`);
  return res.json();
}

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

export async function runList({ env, runs, quick }) {
  const durationSeconds = quick ? 2 : 4;
  const sizes = { '10k': 10_000, '1m': quick ? 200_000 : 1_000_000 };
  const api = await startApi(env);
  const load = await startLoadGenerator();
  const sqlChildren = [];
  try {
    const tenants = {};
    for (const [label, rows] of Object.entries(sizes)) tenants[label] = { label, rows, ...(await signupTenant(env, api.url, label)) };
    const setup = await withClient(env.DATABASE_OWNER_URL, async (owner) => {
      const timings = {};
      for (const tenant of Object.values(tenants)) {
        const t0 = performance.now();
        await fill(owner, tenant, tenant.rows);
        timings[`fill${tenant.label}Seconds`] = round((performance.now() - t0) / 1000, 1);
        console.log(`  inserted ${tenant.rows} audit rows for tenant ${tenant.label} in ${timings[`fill${tenant.label}Seconds`]} s`);
      }
      const t0 = performance.now();
      await owner.query('vacuum (analyze) audit_logs');
      timings.vacuumAnalyzeSeconds = round((performance.now() - t0) / 1000, 1);
      for (const tenant of Object.values(tenants)) {
        // The signup itself wrote audit rows too: count what the tenant really has.
        tenant.total = Number((await owner.query('select count(*) from audit_logs where tenant_id = $1', [tenant.tenantId])).rows[0].count);
        tenant.positions = await positions(owner, tenant.tenantId, tenant.total);
        await checkCursors(api.url, tenant, owner);
      }
      return timings;
    });

    const variants = [];
    const sqlPids = [];
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
      variants.push({
        name: `api-keyset-${tenant.label}`,
        label: `GET /api/v1/audit-logs?limit=${LIMIT}&cursor=… (${tenant.total} rows in the tenant)`,
        measure: async (seconds) => {
          const r = await load.run({
            url: api.url,
            connections: CONCURRENCY,
            duration: seconds,
            headers: { authorization: `Bearer ${tenant.accessToken}` },
            requests: tenant.positions.map((p) => ({ method: 'GET', path: `/api/v1/audit-logs?limit=${LIMIT}${p.cursor ? `&cursor=${p.cursor}` : ''}` })),
          }, { api: [api.child.pid], postgres: async () => (await backendPids(env)).filter((pid) => !sqlPids.includes(pid)) });
          if (r.non2xx || r.errors) throw new Error(`${r.non2xx} non-2xx answers and ${r.errors} errors from the list route`);
          return {
            requestsPerSecond: r.requestsPerSecond,
            latencyP50Ms: r.latencyP50Ms,
            latencyP99Ms: r.latencyP99Ms,
            samples: r.totalRequests,
            apiCpuPercent: round((r.cpuMs.api / r.wallMs) * 100, 1),
            postgresCpuPercent: round((r.cpuMs.postgres / r.wallMs) * 100, 1),
            loadGeneratorCpuPercent: round((r.loadGeneratorCpuMs / r.wallMs) * 100, 1),
          };
        },
      });
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

    await variants[0].measure(1); // warm-up of the API and its pool
    await variants[3].measure(1);
    const perRun = Object.fromEntries(variants.map((v) => [v.name, []]));
    for (let run = 1; run <= runs; run++) {
      for (const variant of variants) {
        const result = await variant.measure(durationSeconds);
        perRun[variant.name].push(result);
        console.log(`  run ${run} ${variant.name.padEnd(16)} ${String(Math.round(result.requestsPerSecond)).padStart(5)}/s  p50 ${result.latencyP50Ms} ms  p99 ${result.latencyP99Ms} ms`);
      }
    }
    const medians = Object.fromEntries(variants.map((v) => [v.name, medianOfRuns(perRun[v.name])]));
    const ratios = {};
    for (const kind of ['api-keyset', 'sql-keyset', 'sql-offset']) {
      ratios[`${kind} 1m/10k`] = {
        latencyP99Ms: ratio(medians[`${kind}-1m`].latencyP99Ms, medians[`${kind}-10k`].latencyP99Ms),
        latencyP50Ms: ratio(medians[`${kind}-1m`].latencyP50Ms, medians[`${kind}-10k`].latencyP50Ms),
        requestsPerSecond: ratio(medians[`${kind}-1m`].requestsPerSecond, medians[`${kind}-10k`].requestsPerSecond),
      };
    }
    for (const size of Object.keys(sizes)) {
      ratios[`sql-offset/sql-keyset ${size}`] = { latencyP99Ms: ratio(medians[`sql-offset-${size}`].latencyP99Ms, medians[`sql-keyset-${size}`].latencyP99Ms) };
    }
    return {
      scenario: 'list',
      description: 'Cursor-paginated tenant list (audit log) at 10k vs 1M rows per tenant, pages from the first to 90% deep; OFFSET over the same pages as the control',
      settings: { limit: LIMIT, depths: DEPTHS, concurrency: CONCURRENCY, durationSeconds, runs, rowsPerTenant: Object.fromEntries(Object.values(tenants).map((t) => [t.label, t.total])), ...setup },
      variants: Object.fromEntries(variants.map((v) => [v.name, v.label])),
      medians,
      ratios,
      runs: perRun,
    };
  } finally {
    for (const child of sqlChildren) await stopChild(child);
    await load.stop();
    await api.stop();
  }
}
