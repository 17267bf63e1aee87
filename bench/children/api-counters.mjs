// The built API (dist/apps/api/src/main.js) with its database and Redis calls counted, for the bench's
// "per request" tables. Before main.js loads, this wraps (in the API's own module instances):
//   pg Client.prototype.query   one call = one SQL round trip; statements = result sets it returned (a
//                                multi-statement simple-protocol text gives one per statement);
//                                transactions = BEGIN / START TRANSACTION among them
//   pg Pool.prototype.connect   pool checkouts (pool.query counts as a checkout plus a round trip)
//   ioredis sendCommand         Redis commands; round trips = commands outside a pipeline + one per
//                                pipeline (MULTI/EXEC included); an EVALSHA is one
// Calls made while an HTTP request is being handled count as "request", everything else (timers started
// at boot, pool housekeeping) as "background": an AsyncLocalStorage store is entered on the server's
// 'request' event and on every event of the request and response objects (body chunks, 'finish'), so
// work continued from them inherits it. IPC: { type: 'counters-reset' } → 'counters-reset-done';
// { type: 'counters-read' } → { type: 'counters', counts }.
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const main = resolve(process.cwd(), 'dist/apps/api/src/main.js');
// Resolved from main.js, so these are the very module instances the API loads.
const require = createRequire(main);
const pg = require('pg');
const Redis = require('ioredis');

const inRequest = new AsyncLocalStorage();
const fresh = () => ({ httpRequests: 0, sqlRoundTrips: 0, sqlStatements: 0, transactions: 0, savepoints: 0, poolCheckouts: 0, redisRoundTrips: 0, redisCommands: 0, sql: new Map(), redis: new Map() });
let counts = { request: fresh(), background: fresh() };
let since = performance.now();
const bucket = () => (inRequest.getStore() ? counts.request : counts.background);
const note = (map, key) => map.set(key, (map.get(key) ?? 0) + 1);
const shortSql = (text) => String(text ?? '(submittable)').replace(/\s+/g, ' ').trim().slice(0, 140);

// Enter the store for the request and for every later event of its request/response objects.
for (const proto of [http.IncomingMessage.prototype, http.ServerResponse.prototype]) {
  const emit = proto.emit;
  proto.emit = function emitInRequest(...args) {
    return inRequest.getStore() ? emit.apply(this, args) : inRequest.run(true, () => emit.apply(this, args));
  };
}
const serverEmit = http.Server.prototype.emit;
http.Server.prototype.emit = function emitRequest(event, ...args) {
  if (event !== 'request') return serverEmit.call(this, event, ...args);
  counts.request.httpRequests++;
  return inRequest.run(true, () => serverEmit.call(this, event, ...args));
};

function countResults(b, result) {
  for (const r of Array.isArray(result) ? result : [result]) {
    b.sqlStatements++;
    if (r?.command === 'BEGIN' || r?.command === 'START') b.transactions++;
    else if (r?.command === 'SAVEPOINT') b.savepoints++;
  }
}

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(config, values, callback) {
  const b = bucket();
  b.sqlRoundTrips++;
  note(b.sql, typeof config === 'string' ? config : config?.text);
  if (typeof config?.submit === 'function') {
    // A submittable (cursor, stream): one statement, its result is not returned here.
    b.sqlStatements++;
    return query.apply(this, arguments);
  }
  const cbAt = typeof values === 'function' ? 1 : typeof callback === 'function' ? 2 : -1;
  if (cbAt >= 0) {
    const args = [...arguments];
    const done = args[cbAt];
    args[cbAt] = (error, result) => {
      if (error) b.sqlStatements++;
      else countResults(b, result);
      done(error, result);
    };
    return query.apply(this, args);
  }
  const returned = query.apply(this, arguments);
  if (typeof returned?.then === 'function') returned.then((result) => countResults(b, result), () => b.sqlStatements++);
  return returned;
};

const connect = pg.Pool.prototype.connect;
pg.Pool.prototype.connect = function countedConnect(...args) {
  bucket().poolCheckouts++;
  return connect.apply(this, args);
};

const sendCommand = Redis.prototype.sendCommand;
Redis.prototype.sendCommand = function countedSendCommand(command, stream) {
  const b = bucket();
  b.redisCommands++;
  if (!stream?.isPipeline || command?.pipelineIndex === 0) b.redisRoundTrips++;
  note(b.redis, String(command?.name ?? '?').toUpperCase());
  return sendCommand.apply(this, arguments);
};

const plain = (c) => ({
  ...c,
  sql: [...c.sql].sort((a, b) => b[1] - a[1]).map(([text, n]) => ({ text: shortSql(text), n })),
  redis: [...c.redis].sort((a, b) => b[1] - a[1]).map(([name, n]) => ({ name, n })),
});

process.on('message', (message) => {
  if (message?.type === 'counters-reset') {
    counts = { request: fresh(), background: fresh() };
    since = performance.now();
    process.send({ type: 'counters-reset-done' });
  } else if (message?.type === 'counters-read') {
    process.send({ type: 'counters', counts: { windowMs: performance.now() - since, request: plain(counts.request), background: plain(counts.background) } });
  }
});
// The IPC channel must not keep the API alive after SIGTERM has closed it.
process.channel?.unref();
require(main);
