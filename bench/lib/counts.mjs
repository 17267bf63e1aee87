// Counted (not estimated) database and Redis work per request: the API runs under
// children/api-counters.mjs in a process of its own (the measured load runs never carry the wrappers);
// the bench resets the counters over IPC, sends N requests one at a time, waits a moment for work that
// follows the answer, reads the counters and divides by N.
import { resolve } from 'node:path';
import { bench, nextMessage } from './proc.mjs';
import { COUNT_COLUMNS } from './results.mjs';
import { startApi } from './stack.mjs';
import { round } from './stats.mjs';

export const COUNT_REQUESTS = 100;
const WARM_UP = 10;
const SETTLE_MS = 100;

const FIELDS = [...Object.keys(COUNT_COLUMNS), 'savepoints', 'redisCommands'];

export const startCountingApi = (env) => startApi(env, { script: resolve(bench, 'children/api-counters.mjs'), ipc: true });

async function ask(child, type, answer) {
  const reply = nextMessage(child, answer);
  child.send({ type });
  return reply;
}

const perRequest = (bucket, n) => Object.fromEntries(FIELDS.map((f) => [f, round(bucket[f] / n, 2)]));
const top = (list, n) => list.slice(0, 12).map((entry) => ({ ...entry, perRequest: round(entry.n / n, 2) }));

/**
 * Sends `send(i)` (one request, awaited, status checked by the caller) WARM_UP times, then n times with
 * the counters reset, and returns the counts per request: the request's own work, and separately what
 * ran outside any request during the same window (timers, pool housekeeping), also divided by n.
 */
export async function countPerRequest(api, send, n = COUNT_REQUESTS) {
  for (let i = 0; i < WARM_UP; i++) await send(i);
  await ask(api.child, 'counters-reset', 'counters-reset-done');
  for (let i = 0; i < n; i++) await send(WARM_UP + i);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const { counts } = await ask(api.child, 'counters-read', 'counters');
  if (counts.request.httpRequests !== n) throw new Error(`the counting API saw ${counts.request.httpRequests} requests, ${n} were sent`);
  return {
    requests: n,
    windowSeconds: round(counts.windowMs / 1000, 2),
    ...perRequest(counts.request, n),
    background: perRequest(counts.background, n),
    sql: top(counts.request.sql, n),
    redis: top(counts.request.redis, n),
    backgroundSql: top(counts.background.sql, n),
    backgroundRedis: top(counts.background.redis, n),
  };
}

/** One request through fetch that must answer `status`; the body is read so the connection is reused. */
export async function expectStatus(url, init, status) {
  const res = await fetch(url, init);
  const text = await res.text();
  if (res.status !== status) throw new Error(`${init?.method ?? 'GET'} ${url} answered ${res.status} (expected ${status}): ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** Prints one scenario's counts as console lines. */
export function logCounts(counts) {
  for (const [route, c] of Object.entries(counts)) {
    const line = (values) => Object.entries(COUNT_COLUMNS).map(([k, header]) => `${header} ${values[k]}`).join(', ');
    console.log(`  counted per request, ${route}: ${line(c)}; outside requests: ${line(c.background)}`);
  }
}
