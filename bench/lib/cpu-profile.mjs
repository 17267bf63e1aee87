// Summarises a V8 .cpuprofile as self time by component: packages under node_modules grouped as below,
// our own code by libs/<name> and apps/<name>, node internals, GC; idle left out. Frames without a
// script (V8 builtins such as JSON.stringify, native bindings) count for the nearest caller that has one.
// Node internals are split by the nearest package or lib above them ("node internals ← pg" is mostly the
// driver's socket writes), or "← event loop" when none is (socket reads, HTTP parsing, timers).

const GROUPS = {
  pg: ['pg', 'pg-pool', 'pg-protocol', 'pg-types', 'pg-connection-string', 'pgpass', 'postgres-array', 'postgres-bytea', 'postgres-date', 'postgres-interval', 'pg-int8', 'split2'],
  typeorm: ['typeorm'],
  fastify: ['fastify', 'find-my-way', 'avvio', 'light-my-request', 'fast-json-stringify', 'fast-querystring', 'fastify-plugin', 'secure-json-parse', 'process-warning', 'abstract-logging', 'toad-cache', 'fast-decode-uri-component', 'rfdc', 'ret', 'safe-regex2', 'fast-uri', 'cookie', 'proxy-addr', 'forwarded', 'ipaddr.js', 'content-type', 'middie'],
  pino: ['pino', 'pino-http', 'pino-std-serializers', 'sonic-boom', 'thread-stream', 'nestjs-pino', 'fast-redact', '@pinojs/redact', 'atomic-sleep', 'on-exit-leak-free', 'quick-format-unescaped', 'real-require', 'safe-stable-stringify', 'fast-safe-stringify'],
  ioredis: ['ioredis', 'redis-parser', 'redis-errors', 'cluster-key-slot', 'denque', 'standard-as-callback'],
  rxjs: ['rxjs', 'tslib'],
  'class-validator/-transformer': ['class-validator', 'class-transformer', 'validator', 'libphonenumber-js'],
  jsonwebtoken: ['jsonwebtoken', 'jws', 'jwa', 'safe-buffer', 'ecdsa-sig-formatter', 'buffer-equal-constant-time', 'ms', 'semver', 'lodash.includes', 'lodash.isboolean', 'lodash.isinteger', 'lodash.isnumber', 'lodash.isplainobject', 'lodash.isstring', 'lodash.once'],
  passport: ['passport', 'passport-jwt', 'passport-strategy'],
};
const PACKAGE_GROUP = new Map(Object.entries(GROUPS).flatMap(([group, names]) => names.map((name) => [name, group])));

const IDLE = '(idle)';
const ROOT = '(root)';
const INTERNALS = 'node internals';

/** The component of one frame, or undefined when it has no script (then its caller's counts). */
function componentOf({ url, functionName }) {
  if (functionName === IDLE) return IDLE;
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(root)') return ROOT;
  if (functionName === '(program)') return 'V8/native, not attributed';
  if (!url) return undefined;
  if (url.startsWith('node:') || !url.includes('/')) return INTERNALS;
  const path = url.replace(/^file:\/\//, '');
  const at = path.lastIndexOf('/node_modules/');
  if (at >= 0) {
    const parts = path.slice(at + '/node_modules/'.length).split('/');
    const name = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    if (name.startsWith('@nestjs/')) return '@nestjs/*';
    if (name.startsWith('@fastify/')) return 'fastify';
    return PACKAGE_GROUP.get(name) ?? name;
  }
  const own = /\/dist\/(libs|apps)\/([^/]+)\//.exec(path);
  if (own) return `${own[1]}/${own[2]}`;
  if (path.includes('/bench/')) return 'bench preload';
  return 'other scripts';
}

/**
 * Self time per component in µs per request over `requests` answered during the profile, with the share of
 * the non-idle time; plus the functions with the most self time.
 */
export function summariseProfile(profile, requests) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const cache = new Map();
  /** { own: the frame's component (a script-less frame takes its caller's), above: the nearest package or lib at or above it }. */
  const resolveNode = (id) => {
    if (cache.has(id)) return cache.get(id);
    const up = parentOf.has(id) ? resolveNode(parentOf.get(id)) : { own: ROOT, above: null };
    let own = componentOf(byId.get(id).callFrame);
    if (own === undefined) own = up.own;
    const resolved = { own, above: own === INTERNALS || own === ROOT ? up.above : own };
    cache.set(id, resolved);
    return resolved;
  };
  const componentOfNode = (id) => {
    const { own, above } = resolveNode(id);
    if (own === ROOT) return 'V8/native, not attributed';
    return own === INTERNALS ? `${INTERNALS} ← ${above ?? 'event loop'}` : own;
  };
  const selfUs = new Map();
  const { samples, timeDeltas } = profile;
  // A sample lasts until the next one (as DevTools counts it); the last one gets the mean interval.
  const mean = (profile.endTime - profile.startTime) / Math.max(samples.length, 1);
  for (let i = 0; i < samples.length; i++) selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + (timeDeltas[i + 1] ?? mean));
  const components = new Map();
  const functions = new Map();
  let idle = 0;
  for (const [id, us] of selfUs) {
    const component = componentOfNode(id);
    if (component === IDLE) {
      idle += us;
      continue;
    }
    components.set(component, (components.get(component) ?? 0) + us);
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = url ? `${url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '').replace(/^.*\/dist\//, '')}:${lineNumber + 1}` : '(native)';
    const key = `${functionName || '(anonymous)'} ${where}`;
    const entry = functions.get(key) ?? { function: functionName || '(anonymous)', where, component, us: 0 };
    entry.us += us;
    functions.set(key, entry);
  }
  const active = [...components.values()].reduce((a, b) => a + b, 0);
  const perRequest = (us) => Number((us / requests).toFixed(1));
  return {
    requests,
    profiledSeconds: Number(((profile.endTime - profile.startTime) / 1e6).toFixed(2)),
    samples: samples.length,
    activeUsPerRequest: perRequest(active),
    idleShare: Number((idle / (active + idle)).toFixed(3)),
    components: Object.fromEntries([...components].sort((a, b) => b[1] - a[1]).map(([name, us]) => [name, { usPerRequest: perRequest(us), share: Number((us / active).toFixed(3)) }])),
    topFunctions: [...functions.values()].sort((a, b) => b.us - a.us).slice(0, 20).map(({ us, ...f }) => ({ ...f, usPerRequest: perRequest(us) })),
  };
}

/** The summary as Markdown tables (components under 0.5% of the active time in one row; all of them are in the JSON). */
export function profileMarkdown(summary) {
  const lines = ['| component | self µs/request | share of active |', '|---|---:|---:|'];
  const entries = Object.entries(summary.components);
  const small = entries.filter(([, c]) => c.share < 0.005);
  for (const [name, c] of entries.filter(([, c]) => c.share >= 0.005)) lines.push(`| ${name} | ${c.usPerRequest} | ${(c.share * 100).toFixed(1)}% |`);
  if (small.length) {
    const sum = (key) => small.reduce((total, [, c]) => total + c[key], 0);
    lines.push(`| ${small.length} others under 0.5% each (${small.map(([name]) => name).join(', ')}) | ${sum('usPerRequest').toFixed(1)} | ${(sum('share') * 100).toFixed(1)}% |`);
  }
  lines.push(`| **total (idle excluded)** | **${summary.activeUsPerRequest}** | 100% |`, '', '| function | where | component | self µs/request |', '|---|---|---|---:|');
  for (const f of summary.topFunctions) lines.push(`| ${f.function.replace(/\|/g, '\\|')} | ${f.where} | ${f.component} | ${f.usPerRequest} |`);
  return lines.join('\n');
}
