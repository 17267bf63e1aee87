// Scenario 4: the worst request a client can build for each public route (taken from the API's own
// OpenAPI document), within the limits and just beyond them, and the event-loop delay each one causes
// inside the API process (perf_hooks.monitorEventLoopDelay in children/api-loop-monitor.mjs).
import { resolve } from 'node:path';
import { bench, nextMessage } from '../lib/proc.mjs';
import { startApi } from '../lib/stack.mjs';
import { median, percentile, round } from '../lib/stats.mjs';

const TARGET_MS = 50;

const startMonitoredApi = (env) => startApi(env, { script: resolve(bench, 'children/api-loop-monitor.mjs'), ipc: true, extraEnv: { LOG_LEVEL: 'warn' } });

let serial = 0;
const unique = () => `${process.pid}-${Date.now().toString(36)}-${serial++}`;

/** A value the route's validator accepts for a field, so the request reaches the service. */
function plausible(name, schema) {
  if (schema.format === 'email' || /email/i.test(name)) return `bench-${unique()}@bench.test`;
  if (/password/i.test(name)) return 'Bench-password-123!';
  if (/token/i.test(name)) return 'x'.repeat(Math.max(schema.minLength ?? 0, 43));
  if (schema.type === 'string') return 'Bench '.padEnd(Math.max(schema.minLength ?? 1, 6), 'x');
  return undefined;
}

/** The longest value the field's documented bounds allow, valid where a format makes that possible. */
function longest(name, schema) {
  const max = schema.maxLength ?? 100;
  if (/email/i.test(name)) return `${unique()}-${'a'.repeat(40)}@${'b'.repeat(63)}.${'c'.repeat(63)}.test`.slice(-Math.min(max, 254));
  if (/password/i.test(name)) return 'Aa1'.padEnd(max, 'x');
  return 'x'.repeat(max);
}

function validBody(schema) {
  const body = {};
  for (const name of schema.required ?? []) body[name] = plausible(name, schema.properties[name]);
  return body;
}

/** As many entries as fit in `bytes`, at most `perObject` per object and `maxValues` in all (the walk's limits). */
function keysFilling(bytes, perObject, maxValues) {
  const outer = {};
  let size = 2;
  let values = 0;
  for (let i = 0; size < bytes - 2_200 && values < maxValues; i++) {
    const inner = {};
    values++;
    for (let j = 0; j < perObject && size < bytes - 2_200 && values < maxValues; j++, values++) {
      inner[`k${j}`] = 0;
      size += `"k${j}":0,`.length;
    }
    outer[`u${i}`] = inner;
    size += `"u${i}":{},`.length;
    if (Object.keys(outer).length >= perObject) break;
  }
  return outer;
}

/** Request bodies for one public route: [variant, content-type, body, expected status class]. */
function bodyVariants(schema, limits) {
  const strings = Object.entries(schema.properties ?? {}).filter(([, p]) => p.type === 'string');
  const budget = limits.publicBody - 512;
  const topUnknown = Object.fromEntries(Array.from({ length: limits.maxKeys }, (_, i) => [`unknown${i}`, 'v'.repeat(Math.floor(budget / limits.maxKeys) - 24)]));
  const atMax = Object.fromEntries(strings.map(([name, p]) => [name, longest(name, p)]));
  const overMax = Object.fromEntries(strings.map(([name]) => [name, 'y'.repeat(Math.floor(budget / Math.max(strings.length, 1)))]));
  const fields = Math.max(Object.keys(schema.properties ?? {}).length, 1);
  const wrongTypes = Object.fromEntries(Object.keys(schema.properties ?? {}).map((name) => [name, Array.from({ length: Math.min(limits.maxItems, Math.floor((limits.maxValues - 20) / fields), Math.floor(budget / 3 / fields)) }, () => ({}))]));
  let deepValid = 'x';
  for (let i = 0; i < limits.maxDepth - 2; i++) deepValid = [deepValid];
  const json = (value) => JSON.stringify(value);
  return [
    ['valid shape', 'application/json', () => json(validBody(schema))],
    [`${limits.maxKeys} unknown top-level fields (${Math.round(budget / 1024)} KB)`, 'application/json', () => json({ ...validBody(schema), ...topUnknown })],
    ['max keys in nested objects', 'application/json', () => json({ ...validBody(schema), extra: keysFilling(budget, limits.maxKeys, limits.maxValues - 20) })],
    [`every string at its maxLength`, 'application/json', () => json({ ...validBody(schema), ...atMax })],
    [`every string over maxLength (${Math.round(budget / 1024)} KB)`, 'application/json', () => json(overMax)],
    [`depth ${limits.maxDepth - 1} in every field`, 'application/json', () => json(Object.fromEntries(Object.keys(schema.properties ?? {}).map((n) => [n, deepValid])))],
    ['wrong types, arrays of objects', 'application/json', () => json(wrongTypes)],
    ['8,000-deep JSON (16 KB)', 'application/json', () => '['.repeat(8_000) + ']'.repeat(8_000)],
    ['45,000 unknown keys (470 KB)', 'application/json', () => json(Object.fromEntries(Array.from({ length: 45_000 }, (_, i) => [`k${i}`, 1])))],
    ['form-encoded 16 KB', 'application/x-www-form-urlencoded', () => Array.from({ length: 1_500 }, (_, i) => `k${i}=v`).join('&')],
  ];
}

function queryVariants(parameters, limits) {
  const names = parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const longValue = 'z'.repeat(4_000);
  return [
    ['no query', null, () => ''],
    [`${limits.maxKeys} query parameters`, null, () => '?' + [...names.map((n) => `${n}=${longValue}`), ...Array.from({ length: limits.maxKeys - names.length }, (_, i) => `q${i}=1`)].join('&')],
    [`${limits.maxKeys + 100} query parameters`, null, () => '?' + Array.from({ length: limits.maxKeys + 100 }, (_, i) => `q${i}=1`).join('&')],
    ['NUL in a query parameter', null, () => `?${names[0] ?? 'q'}=a%00b`],
  ];
}

async function measureOnce(api, route, [, type, build]) {
  const payload = build();
  const body = type ? payload : undefined;
  const url = `${api.url}${route.path}${type ? '' : payload}`;
  api.child.send({ type: 'reset' });
  await nextMessage(api.child, 'reset-done');
  const res = await fetch(url, { method: route.method.toUpperCase(), headers: type ? { 'content-type': type } : {}, body });
  const text = await res.text();
  await new Promise((r) => setTimeout(r, 15));
  api.child.send({ type: 'read' });
  const { maxMs } = await nextMessage(api.child, 'delay');
  return { status: res.status, delayMs: maxMs, requestBytes: Buffer.byteLength(body ?? url), responseBytes: Buffer.byteLength(text) };
}

export async function runBounds({ env, runs, quick }) {
  const perRun = quick ? 5 : 10;
  const api = await startMonitoredApi(env);
  try {
    const document = await (await fetch(`${api.url}/api/openapi.json`)).json();
    const schemas = document.components.schemas;
    const limits = { publicBody: Number(env.PUBLIC_BODY_LIMIT_BYTES ?? 16_384), maxKeys: 200, maxDepth: 32, maxItems: 1000, maxValues: 2000 };
    const cases = [{ route: { method: 'get', path: '/api/v1/health/live' }, variant: ['baseline: GET /health/live', null, () => ''] }];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (!Array.isArray(operation.security) || operation.security.length !== 0) continue;
        const route = { method, path };
        const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref;
        const variants = ref ? bodyVariants(schemas[ref.split('/').pop()], limits) : queryVariants(operation.parameters ?? [], limits);
        for (const variant of variants) cases.push({ route, variant });
      }
    }
    const key = (c) => `${c.route.method.toUpperCase()} ${c.route.path} · ${c.variant[0]}`;
    for (const c of cases) await measureOnce(api, c.route, c.variant); // warm-up (JIT, pools, first compile of each validator)
    const samples = Object.fromEntries(cases.map((c) => [key(c), []]));
    const runsOut = [];
    for (let run = 1; run <= runs; run++) {
      const thisRun = {};
      for (const c of cases) {
        for (let i = 0; i < perRun; i++) samples[key(c)].push(await measureOnce(api, c.route, c.variant));
        const last = samples[key(c)].slice(-perRun);
        thisRun[key(c)] = { statuses: [...new Set(last.map((s) => s.status))], delayMsMax: round(Math.max(...last.map((s) => s.delayMs)), 2) };
      }
      runsOut.push(thisRun);
      const worst = Object.entries(thisRun).filter(([name]) => !name.includes('baseline')).sort((a, b) => b[1].delayMsMax - a[1].delayMsMax)[0];
      console.log(`  run ${run}: worst ${worst[0]} → ${worst[1].delayMsMax} ms (baseline ${thisRun[key(cases[0])].delayMsMax} ms)`);
    }
    const medians = {};
    for (const [name, list] of Object.entries(samples)) {
      const delays = list.map((s) => s.delayMs);
      medians[name] = {
        status: median(list.map((s) => s.status)),
        delayMsP50: round(median(delays), 2),
        delayMsP90: round(percentile(delays, 90), 2),
        delayMsMax: round(Math.max(...delays), 2),
        requestBytes: median(list.map((s) => s.requestBytes)),
        responseBytes: median(list.map((s) => s.responseBytes)),
      };
    }
    const baseline = medians[key(cases[0])];
    const ratios = {};
    const worstOverall = Math.max(...Object.entries(medians).filter(([n]) => !n.includes('baseline')).map(([, m]) => m.delayMsP90));
    for (const path of new Set(cases.slice(1).map((c) => `${c.route.method.toUpperCase()} ${c.route.path}`))) {
      const own = Object.entries(medians).filter(([n]) => n.startsWith(`${path} · `)).map(([, m]) => m);
      ratios[`${path} worst/baseline`] = {
        delayMsP50: round(Math.max(...own.map((m) => m.delayMsP50)) / Math.max(baseline.delayMsP50, 0.01), 3),
        delayMsP90: round(Math.max(...own.map((m) => m.delayMsP90)) / Math.max(baseline.delayMsP90, 0.01), 3),
      };
    }
    return {
      scenario: 'bounds',
      description: 'Worst requests per public route (from the OpenAPI document) and the event-loop delay each causes in the API process',
      settings: { runs, requestsPerVariantPerRun: perRun, limits, targetMs: TARGET_MS, worstP90Ms: worstOverall, underTarget: worstOverall < TARGET_MS },
      variants: Object.fromEntries(Object.keys(medians).map((name) => [name, name])),
      medians,
      ratios,
      runs: runsOut,
    };
  } finally {
    await api.stop();
  }
}
