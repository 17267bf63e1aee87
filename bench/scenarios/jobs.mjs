// Scenario 3: how fast our worker pipeline drains a backlog of N jobs whose processor makes two writes,
// vs a bare BullMQ Worker making the same two writes. Each run uses a fresh Redis prefix and a fresh
// worker process; the backlog is enqueued before the worker starts.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { bench, cpuMs, startNode, stopChild } from '../lib/proc.mjs';
import { backendPids, deleteRedisKeys, withClient } from '../lib/stack.mjs';
import { medianOfRuns, ratio, round } from '../lib/stats.mjs';

const require = createRequire(import.meta.url);
const { Queue } = require('bullmq');
const Redis = require('ioredis');

const QUEUE = 'system';
const JOB = 'system.health-ping';
const POLL_MS = 20;

/** The options the outbox relay gives every job (libs/queue/src/outbox.relay.ts), health-ping's retry policy. */
const JOB_OPTIONS = {
  attempts: 1,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
  removeOnComplete: { count: 1000, age: 24 * 3600 },
  removeOnFail: { count: 5000, age: 7 * 24 * 3600 },
};

async function enqueue(redisUrl, prefix, count) {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE, { connection, prefix });
  const at = new Date().toISOString();
  for (let i = 0; i < count; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, count - i) }, () => ({ name: JOB, data: { at }, opts: JOB_OPTIONS }));
    await queue.addBulk(batch);
  }
  return { queue, connection };
}

/** Starts the worker child and times the drain from the first job taken to the last one finished. */
async function drain(env, variant, prefix, count, timeoutMs) {
  const { queue, connection } = await enqueue(env.REDIS_URL, prefix, count);
  const script = resolve(bench, `children/${variant === 'ours' ? 'our-worker' : 'bare-worker'}.mjs`);
  const child = startNode(script, { env: { ...env, REDIS_PREFIX: prefix, LOG_LEVEL: 'warn' } });
  try {
    const remaining = async () => {
      const counts = await queue.getJobCounts('wait', 'active', 'prioritized', 'failed');
      if (counts.failed) throw new Error(`${counts.failed} jobs failed in the ${variant} worker`);
      return counts.wait + counts.active + counts.prioritized;
    };
    const deadline = Date.now() + timeoutMs;
    let start = null;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${variant} worker exited with ${child.exitCode}\n${child.stderrTail()}`);
      if (Date.now() > deadline) throw new Error(`${variant} worker did not drain ${count} jobs within ${timeoutMs} ms\n${child.stderrTail()}`);
      const left = await remaining();
      if (!start && left < count) {
        start = { t: performance.now(), cpu: cpuMs(child.pid), main: cpuMs(child.pid, child.pid), pg: Object.fromEntries((await backendPids(env)).map((pid) => [pid, cpuMs(pid)])) };
      }
      if (start && left === 0) break;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    const wallMs = performance.now() - start.t;
    const workerCpu = cpuMs(child.pid) - start.cpu;
    const mainThreadCpu = cpuMs(child.pid, child.pid) - start.main;
    const pgCpu = (await backendPids(env)).reduce((sum, pid) => { const now = cpuMs(pid); return now > 0 ? sum + now - (start.pg[pid] ?? 0) : sum; }, 0);
    return {
      jobsPerSecond: round(count / (wallMs / 1000), 1),
      drainSeconds: round(wallMs / 1000, 2),
      workerCpuPercent: round((workerCpu / wallMs) * 100, 1),
      workerCpuMsPerJob: round(workerCpu / count, 3),
      // The JavaScript thread vs the rest (V8's GC and compiler threads, libuv's pool, worker threads).
      workerMainThreadCpuMsPerJob: round(mainThreadCpu / count, 3),
      workerOtherThreadsCpuMsPerJob: round((workerCpu - mainThreadCpu) / count, 3),
      postgresCpuPercent: round((pgCpu / wallMs) * 100, 1),
      postgresCpuMsPerJob: round(pgCpu / count, 3),
    };
  } finally {
    await stopChild(child);
    await queue.close();
    connection.disconnect();
    await deleteRedisKeys(env.REDIS_URL, prefix);
  }
}

async function countWrites(env, tenantId) {
  return withClient(env.DATABASE_OWNER_URL, async (client) =>
    Number((await client.query(`select count(*) from audit_logs where tenant_id = $1 and entity_type = 'bench_job'`, [tenantId])).rows[0].count));
}

export async function runJobs({ env, runs, quick }) {
  const count = quick ? 1000 : 5000;
  const timeoutMs = 180_000;
  const tenantId = await withClient(env.DATABASE_OWNER_URL, async (client) => {
    const { rows } = await client.query(
      `insert into tenants (id, name, slug, status) values (gen_random_uuid(), 'Bench jobs', $1, 'active') returning id`,
      [`bench-jobs-${process.pid}`],
    );
    return rows[0].id;
  });
  const jobsEnv = { ...env, BENCH_TENANT_ID: tenantId };
  const variants = [
    { name: 'ours', label: 'real WorkerModule/WorkerService (dist), handler: 2 audit rows via AuditService in Db.transaction' },
    { name: 'bare', label: 'bare BullMQ Worker + pg pool, same 2 inserts in one transaction' },
  ];
  const perRun = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let run = 1; run <= runs; run++) {
    for (const variant of variants) {
      const before = await countWrites(env, tenantId);
      const result = await drain(jobsEnv, variant.name, `${env.REDIS_PREFIX}:jobs-${run}-${variant.name}`, count, timeoutMs);
      const written = (await countWrites(env, tenantId)) - before;
      // The scheduler of our worker may add one health-ping job of its own: at least 2 writes per job.
      if (written < 2 * count) throw new Error(`${variant.name}: ${written} rows written for ${count} jobs`);
      perRun[variant.name].push(result);
      console.log(`  run ${run} ${variant.name.padEnd(5)} ${String(Math.round(result.jobsPerSecond)).padStart(5)} jobs/s  drained ${count} in ${result.drainSeconds} s  worker CPU ${result.workerCpuPercent}%  postgres CPU ${result.postgresCpuPercent}%`);
    }
  }
  const medians = Object.fromEntries(variants.map((v) => [v.name, medianOfRuns(perRun[v.name])]));
  return {
    scenario: 'jobs',
    description: `Drain of ${count} queued jobs, each making 2 writes: our worker pipeline vs a bare BullMQ Worker (both concurrency 5)`,
    settings: { jobs: count, queue: QUEUE, jobName: JOB, concurrency: 5, runs, jobOptions: JOB_OPTIONS },
    variants: Object.fromEntries(variants.map((v) => [v.name, v.label])),
    medians,
    ratios: {
      'ours/bare': {
        jobsPerSecond: ratio(medians.ours.jobsPerSecond, medians.bare.jobsPerSecond),
        workerCpuMsPerJob: ratio(medians.ours.workerCpuMsPerJob, medians.bare.workerCpuMsPerJob),
        workerMainThreadCpuMsPerJob: ratio(medians.ours.workerMainThreadCpuMsPerJob, medians.bare.workerMainThreadCpuMsPerJob),
        workerOtherThreadsCpuMsPerJob: ratio(medians.ours.workerOtherThreadsCpuMsPerJob, medians.bare.workerOtherThreadsCpuMsPerJob),
        postgresCpuMsPerJob: ratio(medians.ours.postgresCpuMsPerJob, medians.bare.postgresCpuMsPerJob),
      },
    },
    runs: perRun,
  };
}
