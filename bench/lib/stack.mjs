// The product as the benchmarks run it: a dedicated database and Redis prefix per bench run, the built
// API started as production starts it, and clean-up of both at the end.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { freePort, root, startNode, stopChild, waitForHttp } from './proc.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');
const Redis = require('ioredis');

export function loadEnvFile() {
  try {
    process.loadEnvFile?.(resolve(root, '.env'));
  } catch {
    // no .env: defaults apply
  }
}

export function build() {
  execFileSync(process.execPath, ['scripts/build.mjs', '--server-only'], { cwd: root, stdio: 'inherit' });
}

/** Environment of every product process in this bench run (own database, own Redis prefix). */
export function benchEnv() {
  const database = `bo_bench_${process.pid}`;
  const swap = (url, fallback) => {
    const u = new URL(url ?? fallback);
    u.pathname = `/${database}`;
    return u.toString();
  };
  const secret = () => randomBytes(24).toString('hex');
  return {
    ...process.env,
    NODE_ENV: 'production',
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    ACCESS_TOKEN_TTL_SECONDS: '7200',
    TENANT_APPROVAL: 'auto',
    DATABASE_URL: swap(process.env.DATABASE_URL, 'postgres://backoffice_app:backoffice_app@127.0.0.1:5432/backoffice'),
    DATABASE_OWNER_URL: swap(process.env.DATABASE_OWNER_URL, 'postgres://backoffice_owner:backoffice_owner@127.0.0.1:5432/backoffice'),
    DATABASE_ADMIN_URL: process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `bo-bench-${process.pid}`,
    MAIL_DIR: resolve(tmpdir(), `bo-bench-mail-${process.pid}`),
    WEB_DIST: resolve(tmpdir(), 'bo-bench-no-web'),
    LOG_LEVEL: 'info',
    BENCH_DATABASE: database,
  };
}

/** Creates the bench database and roles and applies the migrations (the product's own prepare step). */
export function prepareDatabase(env) {
  execFileSync(process.execPath, ['dist/apps/api/src/prepare.js'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** PostgreSQL backends currently connected to the bench database (their CPU counts as the database's). */
export function backendPids(env) {
  return withClient(env.DATABASE_ADMIN_URL, async (client) => {
    const { rows } = await client.query('select pid from pg_stat_activity where datname = $1', [env.BENCH_DATABASE]);
    return rows.map((row) => row.pid);
  });
}

/** Drops the bench database, deletes every Redis key under the bench prefix and the mail directory. */
export async function cleanUp(env) {
  await withClient(env.DATABASE_ADMIN_URL, (client) => client.query(`drop database if exists "${env.BENCH_DATABASE}" with (force)`)).catch((error) =>
    console.error(`could not drop ${env.BENCH_DATABASE}: ${error.message}`),
  );
  await deleteRedisKeys(env.REDIS_URL, env.REDIS_PREFIX);
  rmSync(env.MAIL_DIR, { recursive: true, force: true });
}

/** Deletes keys under one prefix with SCAN (never FLUSH: the Redis is shared). */
export async function deleteRedisKeys(url, prefix) {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * Rate limits raised so every request of a load run reaches the code (each request still spends from its
 * buckets in Redis, so the limiter's work is measured, only never refused).
 */
export const RELAXED_RATE_LIMITS = Object.fromEntries(
  ['PUBLIC', 'USER', 'API_KEY', 'LOGIN', 'SIGNUP', 'PASSWORD_RESET', 'INVITATIONS'].map((n) => [`RATE_LIMIT_${n}`, '1000000']),
);

/**
 * Starts the built API (dist/apps/api/src/main.js, or a preload script in bench/children that loads it)
 * on a free port with the relaxed rate limits and waits for its liveness route.
 */
export async function startApi(env, { script = 'dist/apps/api/src/main.js', ipc = false, extraEnv = {} } = {}) {
  const port = await freePort();
  const child = startNode(script, {
    ipc,
    env: { ...env, ...RELAXED_RATE_LIMITS, ...extraEnv, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}` },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/v1/health/live`, child);
  return { child, url, stop: () => stopChild(child) };
}

/**
 * Signs up a new business through the API, confirming with the emailed link (read from the message's sealed variables), and
 * returns its owner's access token and tenant id.
 */
export async function signupTenant(env, apiUrl, label) {
  const suffix = `${label}-${process.pid}-${Date.now()}`;
  const email = `owner-${suffix}@bench.test`;
  const post = (path, data) => fetch(`${apiUrl}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
  const requested = await post('/auth/signup', { email, password: 'Bench-password-123!', name: `Owner ${label}`, tenantName: `Bench ${suffix}` });
  if (requested.status !== 202) throw new Error(`signup failed (${requested.status}): ${await requested.text()}`);
  const token = await withClient(env.DATABASE_OWNER_URL, async (client) => {
    // Jobs carry ids only: the link is in the message's variables, sealed with the API's ENCRYPTION_KEY.
    const { rows } = await client.query(`select variables_sealed from email_messages where to_address = $1 and template_key = 'signup-confirm' order by created_at desc limit 1`, [email]);
    const { decryptSecret } = require(resolve(root, 'dist/libs/core/src/secrets.js'));
    const link = rows[0]?.variables_sealed ? JSON.parse(decryptSecret(rows[0].variables_sealed, env.ENCRYPTION_KEY)).link : '';
    return /token=([A-Za-z0-9_-]+)/.exec(link)?.[1];
  });
  const res = await post('/auth/signup/confirm', { token });
  const body = await res.json();
  if (res.status !== 201) throw new Error(`signup confirmation failed (${res.status}): ${JSON.stringify(body)}`);
  return { tenantId: body.tenant.id, userId: body.user.id, accessToken: body.tokens.accessToken };
}
