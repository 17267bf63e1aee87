// Scenario 1: the API's liveness route vs a bare Fastify route vs a bare node:http server, each in its
// own process, loaded by autocannon from a separate process, runs interleaved.
import { resolve } from 'node:path';
import { startLoadGenerator } from '../lib/load.mjs';
import { bench, freePort, startNode, stopChild, waitForHttp } from '../lib/proc.mjs';
import { countPerRequest, expectStatus, logCounts, startCountingApi } from '../lib/counts.mjs';
import { backendPids, startApi } from '../lib/stack.mjs';
import { medianOfRuns, ratio, round } from '../lib/stats.mjs';

const PATH = '/api/v1/health/live';

async function startBare(name) {
  const port = await freePort();
  const child = startNode(resolve(bench, `children/${name}.mjs`), { env: { ...process.env, PORT: String(port) } });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}${PATH}`, child);
  return { child, url, stop: () => stopChild(child) };
}

export async function runHttp({ env, runs, quick }) {
  const durationSeconds = quick ? 3 : 8;
  const connections = 32;
  const targets = [
    { name: 'api', label: 'API GET /api/v1/health/live (NestJS app, dist build)', server: await startApi(env) },
    { name: 'fastify', label: 'bare Fastify route', server: await startBare('bare-fastify') },
    { name: 'node-http', label: 'bare node:http server', server: await startBare('bare-http') },
  ];
  const load = await startLoadGenerator();
  try {
    const measure = async (target, duration) => {
      // The API opens a database transaction per request; its PostgreSQL backends count as its CPU too.
      const r = await load.run({ url: `${target.server.url}${PATH}`, connections, duration }, { server: [target.server.child.pid], postgres: target.name === 'api' ? () => backendPids(env) : [] });
      return {
        requestsPerSecond: r.requestsPerSecond,
        latencyP50Ms: r.latencyP50Ms,
        latencyP99Ms: r.latencyP99Ms,
        serverCpuPercent: round((r.cpuMs.server / r.wallMs) * 100, 1),
        serverCpuMsPer1kRequests: round((r.cpuMs.server / r.totalRequests) * 1000, 2),
        postgresCpuPercent: round((r.cpuMs.postgres / r.wallMs) * 100, 1),
        loadGeneratorCpuPercent: round((r.loadGeneratorCpuMs / r.wallMs) * 100, 1),
        non2xx: r.non2xx,
        errors: r.errors,
      };
    };
    for (const target of targets) await measure(target, quick ? 1 : 2); // warm-up (JIT, connection pools)
    const perRun = Object.fromEntries(targets.map((t) => [t.name, []]));
    for (let run = 1; run <= runs; run++) {
      for (const target of targets) {
        const result = await measure(target, durationSeconds);
        perRun[target.name].push(result);
        console.log(`  run ${run} ${target.name.padEnd(9)} ${String(Math.round(result.requestsPerSecond)).padStart(6)} req/s  p50 ${result.latencyP50Ms} ms  p99 ${result.latencyP99Ms} ms  server CPU ${result.serverCpuPercent}%`);
      }
    }
    const medians = Object.fromEntries(targets.map((t) => [t.name, medianOfRuns(perRun[t.name])]));
    const ratios = {};
    for (const target of targets.filter((t) => t.name !== 'node-http')) {
      for (const baseline of ['fastify', 'node-http'].filter((b) => b !== target.name)) {
        ratios[`${target.name}/${baseline}`] = {
          requestsPerSecond: ratio(medians[target.name].requestsPerSecond, medians[baseline].requestsPerSecond),
          latencyP50Ms: ratio(medians[target.name].latencyP50Ms, medians[baseline].latencyP50Ms),
          latencyP99Ms: ratio(medians[target.name].latencyP99Ms, medians[baseline].latencyP99Ms),
          serverCpuMsPer1kRequests: ratio(medians[target.name].serverCpuMsPer1kRequests, medians[baseline].serverCpuMsPer1kRequests),
        };
      }
    }
    const counter = await startCountingApi(env);
    let counts;
    try {
      counts = { [`GET ${PATH}`]: await countPerRequest(counter, () => expectStatus(`${counter.url}${PATH}`, {}, 200)) };
    } finally {
      await counter.stop();
    }
    logCounts(counts);
    return {
      scenario: 'http',
      description: 'Liveness route of the real API vs a bare Fastify route vs a bare node:http server; autocannon in its own process',
      settings: { path: PATH, connections, durationSeconds, runs, order: targets.map((t) => t.name) },
      variants: Object.fromEntries(targets.map((t) => [t.name, t.label])),
      medians,
      ratios,
      counts,
      runs: perRun,
    };
  } finally {
    await load.stop();
    for (const target of targets) await target.server.stop();
  }
}
