// Serves a fresh, seeded copy of the product for the browser tests (Playwright's webServer).
// Expects a prior build (dist/ and apps/web/dist).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { loadEnvFile, redisAnswers, root, run, serve } from './stack.mjs';

loadEnvFile();
const port = process.env.PORT ?? '3100';
const database = `bo_e2e_${process.pid}`;
const swap = (url, fallback) => {
  const u = new URL(url ?? fallback);
  u.pathname = `/${database}`;
  return u.toString();
};

// Stripe is the tests' fake (apps/api/test/fake-stripe.ts), compiled here with the build's SWC settings and
// run in this process. Specs read its address and the webhook secret from var/e2e-server-<port>.json, and what
// the server asked it from GET <fake>/__e2e/requests.
const fakeStripeJs = resolve(root, 'dist/test-support/fake-stripe.js');
execFileSync(resolve(root, 'node_modules/.bin/swc'), ['apps/api/test/fake-stripe.ts', '-o', fakeStripeJs, '--config-file', '.swcrc', '--quiet'], { cwd: root, stdio: 'inherit' });
const { FakeStripe } = createRequire(import.meta.url)(fakeStripeJs);
const fakeStripe = new FakeStripe();
fakeStripe.route('GET', /^\/__e2e\/requests$/, () => ({ status: 200, body: { data: fakeStripe.requests } }));
const stripeApiBase = await fakeStripe.start();
const stripeWebhookSecret = `whsec_e2e_${randomBytes(12).toString('hex')}`;

const env = {
  ...process.env,
  STRIPE_SECRET_KEY: 'sk_test_e2eFakeStripe',
  STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
  STRIPE_API_BASE: stripeApiBase,
  PORT: port,
  PUBLIC_URL: `http://localhost:${port}`,
  DATABASE_URL: swap(process.env.DATABASE_URL, 'postgres://backoffice_app:backoffice_app@127.0.0.1:5432/backoffice'),
  DATABASE_OWNER_URL: swap(process.env.DATABASE_OWNER_URL, 'postgres://backoffice_owner:backoffice_owner@127.0.0.1:5432/backoffice'),
  MAIL_DIR: process.env.MAIL_DIR ?? 'var/e2e-mail',
  REDIS_PREFIX: `bo-e2e-${process.pid}`,
  LOG_LEVEL: 'warn',
  // The webhook browser test delivers to a receiver on 127.0.0.1 over plain http.
  WEBHOOKS_ALLOW_PRIVATE: 'true',
  // Browser tests sign in many times from one IP within a minute.
  ...Object.fromEntries(['PUBLIC', 'USER', 'LOGIN', 'SIGNUP', 'PASSWORD_RESET', 'INVITATIONS'].map((n) => [`RATE_LIMIT_${n}`, '10000'])),
};
if (!(await redisAnswers(env.REDIS_URL ?? 'redis://127.0.0.1:6379'))) {
  console.error('Redis is not answering; the browser tests need it.');
  process.exit(1);
}
rmSync(env.MAIL_DIR, { recursive: true, force: true });
await run(process.execPath, ['dist/apps/api/src/prepare.js', '--seed'], env);
// Tests that need a row the product has no route to create (a dead letter) write it here directly; billing
// specs find the fake Stripe here.
const databaseFile = resolve(root, `var/e2e-server-${port}.json`);
mkdirSync(resolve(root, 'var'), { recursive: true });
writeFileSync(databaseFile, JSON.stringify({ databaseOwnerUrl: env.DATABASE_OWNER_URL, stripeApiBase, stripeWebhookSecret }));
serve(env, {
  onStop: async () => {
    rmSync(databaseFile, { force: true });
    await fakeStripe.stop();
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    await admin.query(`drop database if exists "${database}" with (force)`).catch(() => undefined);
    await admin.end();
  },
});
