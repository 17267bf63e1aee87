// Scenario (issue 9): Stripe webhook ingest and the drain of what it stored.
// (1) POST /api/v1/webhooks/stripe, each request a signed `customer.updated` delivery: our API (dist, webhook
// secret set) with a new event id per request and with replays of events it already holds, against a bare
// Fastify + pg + BullMQ route doing the same verify/insert/enqueue and the same route without the enqueue,
// interleaved; then our API and the bare arm at 70 % of our measured max rate; then the counted work per
// request. (2) A backlog of stored + enqueued events drained by our worker (dist, the real handlers) vs a
// bare BullMQ worker running the same statements.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { countPerRequest, expectStatus, logCounts, startCountingApi } from '../lib/counts.mjs';
import { startLoadGenerator } from '../lib/load.mjs';
import { bench, cpuMs, freePort, root, startNode, stopChild, waitForHttp } from '../lib/proc.mjs';
import { backendPids, deleteRedisKeys, startApi, withClient } from '../lib/stack.mjs';
import { medianOfRuns, ratio, round } from '../lib/stats.mjs';
import { customerUpdatedEvent, JOB_NAME, QUEUE, RECORD_EVENT, replayEvent, stripeSignature, WEBHOOK_PATH } from '../lib/stripe-events.mjs';

const require = createRequire(import.meta.url);
const { Queue } = require('bullmq');
const Redis = require('ioredis');

const CONCURRENCY = 16;
const RATE_SHARE = 0.7;
const REPLAY_EVENTS = 1000;
const WEBHOOK_SECRET = 'whsec_bench_ingest_secret';
const STRIPE_ENV = { STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET };
const POLL_MS = 20;

const post = (url, body, signature = stripeSignature(body, WEBHOOK_SECRET)) =>
  fetch(`${url}${WEBHOOK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature }, body });

async function expectReceipt(url, body, duplicate) {
  const res = await post(url, body);
  const text = await res.text();
  if (res.status !== 200 || JSON.parse(text).duplicate !== duplicate) throw new Error(`${url}: answered ${res.status} ${text.slice(0, 200)} (expected 200, duplicate ${duplicate})`);
}

/** The bare arm (children/bare-stripe-ingest.mjs), with or without its BullMQ enqueue. */
async function startBare(env, { enqueue, jobOptions }) {
  const port = await freePort();
  const child = startNode(resolve(bench, 'children/bare-stripe-ingest.mjs'), {
    env: {
      ...process.env,
      PORT: String(port),
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      DATABASE_URL: env.DATABASE_URL,
      DATABASE_POOL_SIZE: env.DATABASE_POOL_SIZE ?? '10',
      REDIS_URL: env.REDIS_URL,
      REDIS_PREFIX: `${env.REDIS_PREFIX}:bare-ingest`,
      BARE_ENQUEUE: String(enqueue),
      BENCH_JOB_OPTIONS: JSON.stringify(jobOptions),
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/v1/health/live`, child);
  return { child, url, prefix: `${env.REDIS_PREFIX}:bare-ingest`, stop: () => stopChild(child) };
}

const countRows = (env, sql, params = []) => withClient(env.DATABASE_OWNER_URL, async (c) => Number((await c.query(sql, params)).rows[0].n));

/** Stores `count` customer.updated events (status received) for the drain, their outbox rows (ours) and their BullMQ jobs. */
async function storeBacklog(env, { tenantId, tag, count, prefix, jobOptionsFor, outbox }) {
  const created = Math.floor(Date.now() / 1000);
  const events = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), job: randomUUID(), event: customerUpdatedEvent(tenantId, `evt_drain_${tag}_${i}`, `cus_drain_${tag}_${i}`, created) }));
  await withClient(env.DATABASE_OWNER_URL, async (client) => {
    for (let i = 0; i < count; i += 1000) {
      const batch = events.slice(i, i + 1000);
      await client.query(
        `insert into stripe_events (id, stripe_event_id, tenant_id, type, created, livemode, payload)
         select id, event_id, $3::uuid, 'customer.updated', to_timestamp($4), false, payload::jsonb from unnest($1::uuid[], $2::text[], $5::text[]) as e (id, event_id, payload)`,
        [batch.map((e) => e.id), batch.map((e) => e.event.id), tenantId, created, batch.map((e) => JSON.stringify(e.event))],
      );
      // What the relay leaves behind for a job it moved to BullMQ: the row dispatched, its id the job id.
      if (outbox) {
        await client.query(
          `insert into outbox (id, queue, job_name, payload, dispatched_at, attempts)
           select id, $2, $3, jsonb_build_object('stripeEventId', event_id, 'eventTenantId', $5::uuid), now(), 1 from unnest($1::uuid[], $4::uuid[]) as o (id, event_id)`,
          [batch.map((e) => e.job), QUEUE, JOB_NAME, batch.map((e) => e.id), tenantId],
        );
      }
    }
  });
  const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE, { connection, prefix });
  for (let i = 0; i < count; i += 1000) {
    await queue.addBulk(events.slice(i, i + 1000).map((e) => ({ name: JOB_NAME, data: { stripeEventId: e.id, eventTenantId: tenantId }, opts: jobOptionsFor(e.job) })));
  }
  return { queue, connection, eventIds: events.map((e) => e.event.id), customerIds: events.map((e) => e.event.data.object.id) };
}

/** Times one worker process draining the backlog, from the first job taken to the queue being empty. */
async function drain(env, variant, { tenantId, run, count, jobOptionsFor, timeoutMs }) {
  const tag = `${variant}-${run}`;
  const prefix = `${env.REDIS_PREFIX}:drain-${tag}`;
  const { queue, connection, eventIds, customerIds } = await storeBacklog(env, { tenantId, tag, count, prefix, jobOptionsFor, outbox: variant === 'ours' });
  const script = variant === 'ours' ? resolve(root, 'dist/apps/worker/src/main.js') : resolve(bench, 'children/bare-stripe-worker.mjs');
  const child = startNode(script, { env: { ...env, ...STRIPE_ENV, REDIS_PREFIX: prefix, LOG_LEVEL: 'warn', WORKER_METRICS_PORT: '0' } });
  try {
    const remaining = async () => {
      const counts = await queue.getJobCounts('wait', 'active', 'prioritized', 'delayed', 'failed');
      if (counts.failed) throw new Error(`${counts.failed} jobs failed in the ${variant} worker`);
      return counts.wait + counts.active + counts.prioritized + counts.delayed;
    };
    const deadline = Date.now() + timeoutMs;
    let start = null;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${variant} worker exited with ${child.exitCode}\n${child.stderrTail()}`);
      if (Date.now() > deadline) throw new Error(`${variant} worker did not drain ${count} events within ${timeoutMs} ms\n${child.stderrTail()}`);
      const left = await remaining();
      if (!start && left < count) start = { t: performance.now(), cpu: cpuMs(child.pid), pg: new Map((await backendPids(env)).map((pid) => [pid, cpuMs(pid)])) };
      if (start && left === 0) break;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const wallMs = performance.now() - start.t;
    const workerCpu = cpuMs(child.pid) - start.cpu;
    const pgCpu = (await backendPids(env)).reduce((sum, pid) => { const now = cpuMs(pid); return now > 0 ? sum + now - (start.pg.get(pid) ?? 0) : sum; }, 0);
    const processed = await countRows(env, `select count(*) as n from stripe_events where stripe_event_id = any($1) and status = 'processed' and attempts = 1`, [eventIds]);
    const mirrored = await countRows(env, `select count(*) as n from billing_customers where tenant_id = $1 and stripe_id = any($2)`, [tenantId, customerIds]);
    if (processed !== count || mirrored !== count) throw new Error(`${variant}: ${processed} of ${count} events processed once, ${mirrored} customers mirrored`);
    return {
      eventsPerSecond: round(count / (wallMs / 1000), 1),
      drainSeconds: round(wallMs / 1000, 2),
      workerCpuPercent: round((workerCpu / wallMs) * 100, 1),
      workerCpuMsPerEvent: round(workerCpu / count, 3),
      postgresCpuPercent: round((pgCpu / wallMs) * 100, 1),
      postgresCpuMsPerEvent: round(pgCpu / count, 3),
    };
  } finally {
    await stopChild(child);
    await queue.close();
    connection.disconnect();
    await deleteRedisKeys(env.REDIS_URL, prefix);
  }
}

export async function runIngest({ env, runs, quick }) {
  const durationSeconds = quick ? 2 : 6;
  const drainCount = quick ? 2000 : 10_000;
  // The product's own statement and job options, from the build the bench just made.
  const { jobOptions } = require(resolve(root, 'dist/libs/queue/src'));
  const inbox = require(resolve(root, 'dist/libs/billing/src/inbox/stripe-webhook-inbox.service.js'));
  if (inbox.RECORD_EVENT !== RECORD_EVENT) throw new Error('bench/lib/stripe-events.mjs RECORD_EVENT differs from the inbox\'s statement: update the copy');
  const ourJobOptions = (jobId) => jobOptions(JOB_NAME, jobId);
  // The bare arms have no worker-side backoff strategy: the same attempts and retention with BullMQ's own backoff.
  const bareJobOptions = { ...jobOptions(JOB_NAME), backoff: { type: 'exponential', delay: 5000 } };

  const tenantId = await withClient(env.DATABASE_OWNER_URL, async (client) => {
    const { rows } = await client.query(`insert into tenants (id, name, slug, status) values (gen_random_uuid(), 'Bench ingest', $1, 'active') returning id`, [`bench-ingest-${process.pid}`]);
    return rows[0].id;
  });
  const created = Math.floor(Date.now() / 1000);
  const api = await startApi(env, { extraEnv: STRIPE_ENV });
  const bare = await startBare(env, { enqueue: true, jobOptions: bareJobOptions });
  const bareNoEnqueue = await startBare(env, { enqueue: false, jobOptions: bareJobOptions });
  const load = await startLoadGenerator();
  const bareQueueConnection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const bareQueue = new Queue(QUEUE, { connection: bareQueueConnection, prefix: bare.prefix });
  let result;
  try {
    // The replayed events, stored once through our API; the bare arm sees them as duplicates too (same table).
    const replayBodies = Array.from({ length: REPLAY_EVENTS }, (_, i) => JSON.stringify(replayEvent(tenantId, i, created)));
    for (let i = 0; i < REPLAY_EVENTS; i += 8) await Promise.all(replayBodies.slice(i, i + 8).map((body) => expectReceipt(api.url, body, false)));
    for (const server of [api, bare, bareNoEnqueue]) {
      await expectReceipt(server.url, replayBodies[0], true);
      const refused = await post(server.url, replayBodies[1], stripeSignature(replayBodies[1], 'whsec_not_the_secret'));
      if (refused.status !== 400) throw new Error(`${server.url}: a wrong signature answered ${refused.status}`);
      await refused.text();
    }

    const storedEvents = () => countRows(env, `select count(*) as n from stripe_events`);
    const outboxRows = () => countRows(env, `select count(*) as n from outbox where job_name = $1`, [JOB_NAME]);
    const httpVariant = (name, label, server, mode) => ({
      name,
      label,
      measure: async (seconds, { tag, rate } = {}) => {
        const before = { events: await storedEvents(), outbox: await outboxRows() };
        const r = await load.run(
          {
            url: server.url,
            connections: CONCURRENCY,
            duration: seconds,
            ...(rate ? { overallRate: rate } : {}),
            flow: 'stripe-webhook',
            flowOptions: { secret: WEBHOOK_SECRET, tenantId, mode, tag: tag ?? name, replayCount: REPLAY_EVENTS, created },
          },
          { server: [server.child.pid], postgres: () => backendPids(env) },
        );
        if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx answers and ${r.errors} errors from the webhook route`);
        const { fresh, duplicate } = r.flowTally;
        if (mode === 'fresh' ? duplicate : fresh) throw new Error(`${name}: ${fresh} new and ${duplicate} duplicate receipts for ${mode} events`);
        // Requests still in flight when the run ended may have been stored after their answer stopped counting.
        await new Promise((res) => setTimeout(res, 200));
        const stored = (await storedEvents()) - before.events;
        if (stored < fresh || stored > fresh + CONCURRENCY) throw new Error(`${name}: ${stored} events stored for ${fresh} new receipts`);
        if (server === api && (await outboxRows()) - before.outbox !== stored) throw new Error(`${name}: outbox rows do not match the ${stored} stored events`);
        if (server === bare) {
          const jobs = await bareQueue.count();
          if (jobs !== stored) throw new Error(`${name}: ${jobs} BullMQ jobs for ${stored} stored events`);
          await deleteRedisKeys(env.REDIS_URL, bare.prefix);
        }
        return {
          requestsPerSecond: r.requestsPerSecond,
          latencyP50Ms: r.latencyP50Ms,
          latencyP99Ms: r.latencyP99Ms,
          samples: r.totalRequests,
          ...(rate ? { offeredRate: rate } : {}),
          serverCpuPercent: round((r.cpuMs.server / r.wallMs) * 100, 1),
          serverCpuMsPerRequest: round(r.cpuMs.server / r.totalRequests, 3),
          postgresCpuPercent: round((r.cpuMs.postgres / r.wallMs) * 100, 1),
          postgresCpuMsPerRequest: round(r.cpuMs.postgres / r.totalRequests, 3),
          loadGeneratorCpuPercent: round((r.loadGeneratorCpuMs / r.wallMs) * 100, 1),
        };
      },
    });
    const variants = [
      httpVariant('ours-fresh', 'our API (dist): a new event per request (verify, store, outbox row in one transaction)', api, 'fresh'),
      httpVariant('bare-fresh', 'bare Fastify + pg + BullMQ: constructEvent, the inbox statement, queue.add', bare, 'fresh'),
      httpVariant('bare-noenqueue-fresh', 'the bare arm without the enqueue: constructEvent, the inbox statement', bareNoEnqueue, 'fresh'),
      httpVariant('ours-replay', `our API: replays of ${REPLAY_EVENTS} events it already holds (the same ids and bytes)`, api, 'replay'),
    ];
    const perRun = Object.fromEntries(variants.map((v) => [v.name, []]));
    const runAll = async (list, options = () => ({})) => {
      for (const variant of list) await variant.measure(1, { tag: `warm-${variant.name}-${Date.now()}`, ...options() }); // warm-up of the servers and their pools
      for (let run = 1; run <= runs; run++) {
        for (const variant of list) {
          const r = await variant.measure(durationSeconds, { tag: `${variant.name}-${run}`, ...options() });
          (perRun[variant.name] ??= []).push(r);
          console.log(`  run ${run} ${variant.name.padEnd(21)} ${String(Math.round(r.requestsPerSecond)).padStart(5)}/s  p50 ${r.latencyP50Ms} ms  p99 ${r.latencyP99Ms} ms  server CPU ${r.serverCpuMsPerRequest} ms/request`);
        }
      }
    };
    await runAll(variants);
    const maxMedians = Object.fromEntries(variants.map((v) => [v.name, medianOfRuns(perRun[v.name])]));

    // The same offered rate for both: 70 % of our measured max (autocannon's overallRate, in 1 s buckets).
    const rate = Math.max(1, Math.round(RATE_SHARE * maxMedians['ours-fresh'].requestsPerSecond));
    console.log(`  offered rate for the latency runs: ${rate} req/s (${RATE_SHARE * 100} % of ours-fresh)`);
    const rated = [
      httpVariant('ours-fresh-70pct', `our API, new events, ${rate} req/s offered`, api, 'fresh'),
      httpVariant('bare-fresh-70pct', `the bare arm, new events, the same ${rate} req/s`, bare, 'fresh'),
    ];
    await runAll(rated, () => ({ rate }));
    const medians = { ...maxMedians, ...Object.fromEntries(rated.map((v) => [v.name, medianOfRuns(perRun[v.name])])) };

    const ratios = {};
    const against = (name, a, b) => {
      ratios[name] = {
        requestsPerSecond: ratio(medians[a].requestsPerSecond, medians[b].requestsPerSecond),
        latencyP50Ms: ratio(medians[a].latencyP50Ms, medians[b].latencyP50Ms),
        latencyP99Ms: ratio(medians[a].latencyP99Ms, medians[b].latencyP99Ms),
        serverCpuMsPerRequest: ratio(medians[a].serverCpuMsPerRequest, medians[b].serverCpuMsPerRequest),
      };
    };
    against('ours/bare fresh', 'ours-fresh', 'bare-fresh');
    against('ours/bare-noenqueue fresh', 'ours-fresh', 'bare-noenqueue-fresh');
    against('bare/bare-noenqueue fresh', 'bare-fresh', 'bare-noenqueue-fresh');
    against('ours replay/fresh', 'ours-replay', 'ours-fresh');
    against('ours/bare at 70 %', 'ours-fresh-70pct', 'bare-fresh-70pct');

    // Counted work per request, in an API process of its own.
    const counter = await startCountingApi({ ...env, ...STRIPE_ENV });
    const counts = {};
    try {
      counts['POST /api/v1/webhooks/stripe (new event)'] = await countPerRequest(counter, (i) =>
        expectReceipt(counter.url, JSON.stringify(customerUpdatedEvent(tenantId, `evt_bench_counted_${i}`, `cus_bench_counted_${i}`, created)), false));
      counts['POST /api/v1/webhooks/stripe (duplicate)'] = await countPerRequest(counter, (i) => expectReceipt(counter.url, replayBodies[i % REPLAY_EVENTS], true));
    } finally {
      await counter.stop();
    }
    logCounts(counts);
    result = { medians, ratios, counts, rate, perRun, variants: [...variants, ...rated] };
  } finally {
    await bareQueue.close();
    bareQueueConnection.disconnect();
    await deleteRedisKeys(env.REDIS_URL, bare.prefix);
    await load.stop();
    await bareNoEnqueue.stop();
    await bare.stop();
    await api.stop();
  }

  // Drain. The ingest runs left outbox rows no relay moved (no worker ran): they are not this measure's work.
  await withClient(env.DATABASE_OWNER_URL, (c) => c.query(`update outbox set dispatched_at = coalesce(dispatched_at, now()), completed_at = now() where completed_at is null and failed_at is null`));
  const drainVariants = [
    { name: 'ours', label: 'our worker (dist/apps/worker/src/main.js): WorkerModule, StripeEventProcessor and the customer handler', jobOptionsFor: ourJobOptions },
    { name: 'bare', label: 'bare BullMQ Worker + pg pool: the same statements in one transaction', jobOptionsFor: (jobId) => ({ ...bareJobOptions, jobId }) },
  ];
  const drainRuns = Object.fromEntries(drainVariants.map((v) => [v.name, []]));
  for (let run = 1; run <= runs; run++) {
    for (const variant of drainVariants) {
      const r = await drain(env, variant.name, { tenantId, run, count: drainCount, jobOptionsFor: variant.jobOptionsFor, timeoutMs: 300_000 });
      drainRuns[variant.name].push(r);
      console.log(`  run ${run} drain ${variant.name.padEnd(5)} ${String(Math.round(r.eventsPerSecond)).padStart(5)} events/s  drained ${drainCount} in ${r.drainSeconds} s  worker CPU ${r.workerCpuMsPerEvent} ms/event  postgres CPU ${r.postgresCpuMsPerEvent} ms/event`);
    }
  }
  const drainMedians = Object.fromEntries(drainVariants.map((v) => [v.name, medianOfRuns(drainRuns[v.name])]));
  const drainRatios = {
    'ours/bare': {
      eventsPerSecond: ratio(drainMedians.ours.eventsPerSecond, drainMedians.bare.eventsPerSecond),
      workerCpuMsPerEvent: ratio(drainMedians.ours.workerCpuMsPerEvent, drainMedians.bare.workerCpuMsPerEvent),
      postgresCpuMsPerEvent: ratio(drainMedians.ours.postgresCpuMsPerEvent, drainMedians.bare.postgresCpuMsPerEvent),
    },
  };
  return {
    scenario: 'ingest',
    description: 'Stripe webhook ingest (signed customer.updated deliveries): our API vs a bare Fastify + pg + BullMQ route and the same without the enqueue, new events and replays; p99 at 70 % of our max rate; then the drain of a stored + enqueued backlog: our worker vs a bare BullMQ worker',
    settings: { concurrency: CONCURRENCY, durationSeconds, runs, replayEvents: REPLAY_EVENTS, rateShare: RATE_SHARE, offeredRate: result.rate, drainEvents: drainCount, drainConcurrency: 5, jobOptions: jobOptions(JOB_NAME), bareJobOptions },
    variants: Object.fromEntries(result.variants.map((v) => [v.name, v.label])),
    medians: result.medians,
    ratios: result.ratios,
    counts: result.counts,
    drain: { variants: Object.fromEntries(drainVariants.map((v) => [v.name, v.label])), medians: drainMedians, ratios: drainRatios, runs: drainRuns },
    runs: result.perRun,
  };
}
