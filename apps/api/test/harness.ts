import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { decryptSecret, loadConfig } from '@app/core';
import { withDatabase } from '@app/database';

export const PASSWORD = 'Passw0rd!test';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tenantId: string | null;
}

export interface TestApp {
  app: NestFastifyApplication;
  worker: INestApplicationContext | null;
  http: () => ReturnType<typeof request>;
  databaseUrl: string;
  ownerUrl: string;
  mailDir: string;
  redisPrefix: string;
  close: () => Promise<void>;
}

export const RELAXED_RATE_LIMITS = Object.fromEntries(
  ['PUBLIC', 'USER', 'API_KEY', 'LOGIN', 'SIGNUP', 'PASSWORD_RESET', 'INVITATIONS', 'TEST_EMAILS', 'PAYLINK_CHECKOUTS'].map((name) => [`RATE_LIMIT_${name}`, '100000']),
);

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A fresh database cloned from the migrated template, a fresh Redis prefix and a fresh mail folder. */
export async function startTestApp(options: { worker?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const base = loadConfig();
  const template = process.env.TEST_TEMPLATE_DB;
  if (!template) throw new Error('TEST_TEMPLATE_DB is not set: run tests through jest (global setup)');
  const database = `bo_test_f_${process.env.TEST_RUN_ID}_${unique()}`.slice(0, 60);
  const admin = new Client({ connectionString: base.databaseAdminUrl });
  await admin.connect();
  await admin.query(`create database "${database}" template "${template}"`);
  await admin.end();
  const mailDir = mkdtempSync(join(tmpdir(), 'bo-mail-'));
  const redisPrefix = `bo-test-${unique()}`;
  Object.assign(process.env, {
    DATABASE_URL: withDatabase(base.databaseUrl, database),
    DATABASE_OWNER_URL: withDatabase(base.databaseOwnerUrl, database),
    REDIS_PREFIX: redisPrefix,
    MAIL_DIR: mailDir,
    WEB_DIST: join(tmpdir(), 'no-web-dist'),
    PUBLIC_URL: 'http://localhost:3999',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Parallel test files would fight over one port; the metrics test opts in with a free one.
    WORKER_METRICS_PORT: '0',
    // Tests sign in and sign up many times from one IP; the rate-limit spec lowers these on purpose.
    ...RELAXED_RATE_LIMITS,
    ...options.env,
  });
  const dropDatabase = async () => {
    const cleanup = new Client({ connectionString: base.databaseAdminUrl });
    await cleanup.connect();
    await cleanup.query(`drop database if exists "${database}" with (force)`).catch(() => undefined);
    await cleanup.end();
  };
  // A start that fails half-way closes what it opened: a leftover app's connections and timers would keep
  // the Jest worker alive after its last test ("a worker process has failed to exit gracefully").
  let app: NestFastifyApplication | null = null;
  let worker: INestApplicationContext | null = null;
  try {
    const { createApp } = await import('../src/app.factory');
    app = await createApp({ silent: true, serveWeb: false });
    await app.getHttpAdapter().getInstance().ready();
    if (options.worker) {
      const { createWorker } = await import('../../worker/src/worker.factory');
      worker = await createWorker({ silent: true });
    }
  } catch (error) {
    await worker?.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await dropDatabase();
    throw error;
  }
  const started = app;
  const server = started.getHttpServer();
  const testApp: TestApp = {
    app: started,
    worker,
    http: () => request(server),
    databaseUrl: process.env.DATABASE_URL!,
    ownerUrl: process.env.DATABASE_OWNER_URL!,
    mailDir,
    redisPrefix,
    close: async () => {
      // The test may have replaced the worker (restarted with other settings): close the current one.
      await testApp.worker?.close();
      await started.close();
      await dropDatabase();
    },
  };
  return testApp;
}

/** Replaces the test app's worker with one started under other settings (`env` is merged into process.env). */
export async function restartWorker(t: TestApp, env: Record<string, string>): Promise<void> {
  await t.worker?.close();
  Object.assign(process.env, env);
  const { createWorker } = await import('../../worker/src/worker.factory');
  t.worker = await createWorker({ silent: true });
}

export function uniqueEmail(label = 'user'): string {
  return `${label}-${unique()}@example.test`;
}

/** The token of the newest signup confirmation sent to `email` (from its sealed variables: no worker needed). */
export function signupTokenSentTo(t: TestApp, email: string): Promise<string> {
  return tokenSentTo(t, email, 'signup-confirm');
}

/** Signs up through the confirmation link, as a person would: the owner's ids and first tokens. */
export async function signup(t: TestApp, overrides: Partial<{ email: string; name: string; tenantName: string; password: string }> = {}) {
  const body = { email: uniqueEmail('owner'), password: PASSWORD, name: 'Owner', tenantName: `Tenant ${unique()}`, ...overrides };
  await t.http().post('/api/v1/auth/signup').send(body).expect(202);
  const res = await t.http().post('/api/v1/auth/signup/confirm').send({ token: await signupTokenSentTo(t, body.email) }).expect(201);
  return { email: body.email, password: body.password, userId: res.body.user.id as string, tenantId: res.body.tenant.id as string, tokens: res.body.tokens as Tokens };
}

/** Marks a user's address verified, as following the verification link would. */
export async function markEmailVerified(t: TestApp, userId: string): Promise<void> {
  await ownerQuery(t, `update users set email_verified_at = now() where id = $1`, [userId]);
}

export async function login(t: TestApp, email: string, password = PASSWORD, totpCode?: string): Promise<Tokens> {
  const res = await t.http().post('/api/v1/auth/login').send({ email, password, ...(totpCode ? { totpCode } : {}) }).expect(200);
  return res.body;
}

export const bearer = (tokens: Tokens | string) => ({ Authorization: `Bearer ${typeof tokens === 'string' ? tokens : tokens.accessToken}` });

/** Waits for the worker to deliver an email to `to` and returns its decoded text. */
export async function waitForMail(t: TestApp, to: string, match: RegExp = /./, timeoutMs = 10000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const safe = to.replace(/[^a-zA-Z0-9@._-]/g, '_');
  while (Date.now() < deadline) {
    const files = readdirSync(t.mailDir).filter((f) => f.includes(safe)).sort().reverse();
    for (const file of files) {
      const raw = readFileSync(join(t.mailDir, file), 'utf8');
      const text = decodeQuotedPrintable(raw);
      if (match.test(text)) return text;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No email to ${to} matching ${match} within ${timeoutMs} ms`);
}

function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function tokenFromMail(text: string): string {
  const match = /token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error('No token link in email');
  return match[1];
}

/**
 * The token of the newest email of `templateKey` queued to `to`. Jobs and outbox rows carry ids only:
 * the link is read from the message's sealed variables, or from the delivered mail once the worker
 * sent it (and removed them).
 */
export async function tokenSentTo(t: TestApp, to: string, templateKey: string, timeoutMs = 10000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await ownerQuery(
      t,
      `select variables_sealed, status from email_messages where lower(to_address) = lower($1) and template_key = $2 order by created_at desc, id desc limit 1`,
      [to, templateKey],
    );
    if (row?.variables_sealed) return tokenFromMail(JSON.parse(decryptSecret(row.variables_sealed, loadConfig().encryptionKey)).link);
    if (row?.status === 'sent') return tokenFromMail(await waitForMail(t, to, /token=/, Math.max(0, deadline - Date.now())));
    if (Date.now() > deadline) throw new Error(`No ${templateKey} email queued for ${to}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A connection as the runtime role (RLS applies), for tests that check isolation at the database level. */
export async function runtimeDataSource(t: TestApp): Promise<DataSource> {
  const ds = new DataSource({ type: 'postgres', url: t.databaseUrl });
  return ds.initialize();
}

/** Owner connection (bypasses RLS as table owner) to make direct assertions or arrange state. */
export async function ownerQuery<T = any>(t: TestApp, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: t.ownerUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export function expectProblem(res: { status: number; headers: Record<string, string>; body: any }, status: number, slug?: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(res.body.status).toBe(status);
  expect(typeof res.body.title).toBe('string');
  if (slug) expect(res.body.type).toBe(`https://problems.backoffice.dev/${slug}`);
}
