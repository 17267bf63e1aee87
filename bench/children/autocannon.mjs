// Load generator in its own process, so it does not share a CPU with the server it measures.
// Receives { type: 'run', options } over IPC; answers 'started' just before the load begins and
// 'done' with autocannon's summary and its own CPU time.
import autocannon from 'autocannon';
import { percentile, round } from '../lib/stats.mjs';
import { customerUpdatedEvent, replayEvent, stripeSignature, WEBHOOK_PATH } from '../lib/stripe-events.mjs';

/**
 * Request sequences that need functions (which IPC cannot carry), by name: `options.flow` picks one.
 * Each connection runs the sequence over and over with its own context.
 */
const FLOWS = {
  /** POST /api/v1/api-keys, then DELETE /api/v1/api-keys/{the id just created}. */
  'create-revoke-api-key': ({ scopes }) => [
    {
      method: 'POST',
      path: '/api/v1/api-keys',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Bench write key', scopes }),
      onResponse: (status, body, context) => {
        context.keyId = status === 201 ? JSON.parse(body).id : 'not-created';
      },
    },
    { method: 'DELETE', setupRequest: (request, context) => ({ ...request, path: `/api/v1/api-keys/${context.keyId}` }) },
  ],
  /**
   * A signed Stripe `customer.updated` delivery per request, signed at send time: `fresh` gives every request
   * a new event id (`evt_bench_<tag>_<n>`), `replay` cycles through the `replayCount` events stored before
   * the runs (the same ids and bytes again). The answers' `duplicate` flags are tallied.
   */
  'stripe-webhook': ({ secret, tenantId, mode, tag, replayCount, created }, tally) => {
    let n = 0;
    const replayBodies = mode === 'replay' ? Array.from({ length: replayCount }, (_, i) => JSON.stringify(replayEvent(tenantId, i, created))) : [];
    return [
      {
        method: 'POST',
        path: WEBHOOK_PATH,
        setupRequest: (request) => {
          const i = n++;
          const body = mode === 'replay' ? replayBodies[i % replayCount] : JSON.stringify(customerUpdatedEvent(tenantId, `evt_bench_${tag}_${i}`, `cus_bench_${tag}_${i}`, created));
          return { ...request, body, headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': stripeSignature(body, secret) } };
        },
        onResponse: (status, body) => {
          if (status !== 200) return;
          if (body.includes('"duplicate":true')) tally.duplicate++;
          else if (body.includes('"duplicate":false')) tally.fresh++;
        },
      },
    ];
  },
};

process.on('message', async (message) => {
  if (message?.type === 'run') {
    try {
      const cpuBefore = process.cpuUsage();
      process.send({ type: 'started' });
      const { flow, flowOptions, ...options } = message.options;
      const tally = { fresh: 0, duplicate: 0 };
      if (flow) options.requests = FLOWS[flow](flowOptions ?? {}, tally);
      // Latency percentiles from every 2xx response's own timing (fractional ms): autocannon's histogram
      // keeps whole milliseconds, too coarse against servers answering in 1–3 ms.
      const latencies = [];
      const run = autocannon(options);
      run.on('response', (client, statusCode, bytes, responseTime) => {
        if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      });
      const result = await run;
      const cpu = process.cpuUsage(cpuBefore);
      process.send({
        type: 'done',
        result: {
          requestsPerSecond: result.requests.average,
          totalRequests: result.requests.total,
          latencyP50Ms: round(percentile(latencies, 50), 2),
          latencyP99Ms: round(percentile(latencies, 99), 2),
          latencyMeanMs: result.latency.mean,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          durationSeconds: result.duration,
          ...(flow ? { flowTally: tally } : {}),
        },
        cpuMs: (cpu.user + cpu.system) / 1000,
      });
    } catch (error) {
      process.send({ type: 'error', message: error.stack ?? String(error) });
    }
  } else if (message?.type === 'exit') {
    process.exit(0);
  }
});
