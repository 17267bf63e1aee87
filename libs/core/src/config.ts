import { resolve } from 'node:path';
import { devSecrets } from './dev-secrets';

export type TenantApproval = 'auto' | 'manual';
export type LogFormat = 'pretty' | 'json';

export interface AppConfig {
  nodeEnv: string;
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string;
  databaseOwnerUrl: string;
  databaseAdminUrl: string;
  redisUrl: string;
  redisPrefix: string;
  jwtSecret: string;
  encryptionKey: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  tenantApproval: TenantApproval;
  corsOrigins: string[];
  /** Largest body an authenticated route accepts (unless the route sets its own with @BodyLimit). */
  bodyLimitBytes: number;
  /** Largest body a public (unauthenticated) route accepts. */
  publicBodyLimitBytes: number;
  /** Trust X-Forwarded-* from a reverse proxy (the client IP for rate limits, API key allowlists, audit). */
  trustProxy: boolean;
  mailDir: string;
  smtpUrl: string | null;
  mailFrom: string;
  /** Stripe API key (sk_/rk_, test or live); null when billing is not configured. Never leaves the server. */
  stripeSecretKey: string | null;
  /** Signing secret of Stripe webhooks (whsec_…). */
  stripeWebhookSecret: string | null;
  /** The signing secret being rotated out, still accepted during the overlap; null when no rotation is under way. */
  stripeWebhookSecretPrevious: string | null;
  /** Another Stripe API host (stripe-mock, the tests' fake server); null: api.stripe.com. */
  stripeApiBase: URL | null;
  webDist: string;
  logLevel: string;
  /** pretty: human-readable lines (default outside production); json: one JSON object per line (default in production). */
  logFormat: LogFormat;
  /** Write the JSON logs to this file instead of stdout. */
  logFile: string | null;
  /** Multiplies every job retry delay; below 1 only to make tests fast. */
  jobBackoffScale: number;
  /** BullMQ lock of an active job; a worker that dies is noticed after about this long. */
  workerLockMs: number;
  outboxSweepAfterSeconds: number;
  outboxSweepEverySeconds: number;
  webhooks: WebhookConfig;
  /** Bearer token for /metrics; null: the API serves /metrics only outside production, the worker's port stays open. */
  metricsToken: string | null;
  /** Port of the worker's metrics HTTP server; 0 turns it off. */
  workerMetricsPort: number;
  /** /health/ready fails when the oldest due outbox row has waited longer than this. */
  outboxLagReadySeconds: number;
  /** Requests per minute per bucket; tests raise them, production tunes them. */
  rateLimits: RateLimits;
  idempotencyLockSeconds: number;
  http: HttpTimeouts;
  database: DatabasePoolConfig;
  /** Audit log (and other) exports one user may run at the same time; more answer 429. */
  exportsPerUser: number;
  /** Signed-in principals (sessions, API keys) an API process keeps expanded; 0 loads every request's afresh. */
  principalCacheSize: number;
  /** How often the worker moves API-key usage and session activity counted in Redis into the database. */
  usageFlushEverySeconds: number;
}

/**
 * How long the HTTP server waits on a client, so a stalled one cannot hold a socket (or, through an
 * unread response, anything the response holds).
 */
export interface HttpTimeouts {
  /** Until the request's headers are complete. */
  headersTimeoutMs: number;
  /** Until the whole request (headers and body) is received. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection between requests. */
  keepAliveTimeoutMs: number;
  /** A connection on which no byte moves either way. */
  idleTimeoutMs: number;
  /** A response the client does not read: once writes stop draining for this long, the socket is cut. */
  writeTimeoutMs: number;
}

/** The runtime role's connection pool; the timeouts are set on every session it opens. */
export interface DatabasePoolConfig {
  /** Connections of the API's pool. */
  poolSize: number;
  /** Connections of the worker's pool: its queues' total job concurrency plus the outbox relay by default. */
  workerPoolSize: number;
  /** How long a caller waits for a free connection before the pool gives up (the API answers 503 database-busy). */
  checkoutTimeoutMs: number;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

export interface RateLimits {
  public: number;
  user: number;
  apiKey: number;
  login: number;
  signup: number;
  passwordReset: number;
  invitations: number;
  testEmails: number;
  paylinkCheckouts: number;
}

/** Outgoing webhooks: SSRF policy, timeout, retry schedule and auto-disable threshold. */
export interface WebhookConfig {
  /** Accept endpoints on loopback/private/link-local addresses and plain http (local development, tests). */
  allowPrivate: boolean;
  timeoutMs: number;
  /** Retry delays grow base × 2^(n-1), capped at maxBackoffMs; maxAttempts bounds the schedule (≈ 3 days by default). */
  backoffBaseMs: number;
  maxBackoffMs: number;
  maxAttempts: number;
  /** Consecutive dead deliveries (no success in between) after which an endpoint is disabled. */
  disableAfterFailures: number;
}

/**
 * The worker runs 5 queues (email, system, webhooks, billing, billing-sync) at concurrency 5 and its outbox relay holds one connection per batch; a
 * handler holds one connection at a time. A test in apps/worker keeps this in step with its queues.
 */
export const WORKER_DEFAULT_POOL_SIZE = 26;

export class ConfigError extends Error {}

function str(env: NodeJS.ProcessEnv, key: string, fallback?: string): string {
  const value = env[key];
  if (value === undefined || value === '') {
    if (fallback === undefined) throw new ConfigError(`Missing required environment variable ${key} (see .env.example)`);
    return fallback;
  }
  return value;
}

function int(env: NodeJS.ProcessEnv, key: string, fallback: number, min = 0): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`Environment variable ${key} must be an integer >= ${min}, got "${raw}"`);
  return value;
}

function bool(env: NodeJS.ProcessEnv, key: string, fallback: boolean): boolean {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new ConfigError(`Environment variable ${key} must be "true" or "false", got "${raw}"`);
}

function num(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`Environment variable ${key} must be a number > 0, got "${raw}"`);
  return value;
}

function parseUrl(env: NodeJS.ProcessEnv, key: string): URL | null {
  const raw = env[key];
  if (raw === undefined || raw === '') return null;
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // fall through
  }
  throw new ConfigError(`Environment variable ${key} must be an http(s) URL, got "${raw}"`);
}

function generatedDevSecrets(env: NodeJS.ProcessEnv): { jwtSecret: string; encryptionKey: string } {
  const file = resolve(str(env, 'DEV_SECRETS_FILE', 'var/dev-secrets.json'));
  try {
    return devSecrets(file);
  } catch (error) {
    throw new ConfigError(`Cannot read or create development secrets in ${file}: ${(error as Error).message}`);
  }
}

/** The one config loader: every process reads its settings through this function. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = str(env, 'NODE_ENV', 'development');
  const production = nodeEnv === 'production';
  const port = int(env, 'PORT', 3000, 1);
  // Outside production a missing secret comes from a random one generated once per checkout, never from code.
  const generated = production || (env.JWT_SECRET && env.ENCRYPTION_KEY) ? null : generatedDevSecrets(env);
  const jwtSecret = str(env, 'JWT_SECRET', generated?.jwtSecret);
  if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  const encryptionKey = str(env, 'ENCRYPTION_KEY', generated?.encryptionKey);
  if (encryptionKey.length < 32) throw new ConfigError('ENCRYPTION_KEY must be at least 32 characters');
  const approval = str(env, 'TENANT_APPROVAL', 'auto');
  if (approval !== 'auto' && approval !== 'manual') throw new ConfigError(`TENANT_APPROVAL must be "auto" or "manual", got "${approval}"`);
  const publicUrl = str(env, 'PUBLIC_URL', `http://localhost:${port}`);
  const metricsToken = env.METRICS_TOKEN ? env.METRICS_TOKEN : null;
  if (metricsToken !== null && metricsToken.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters');
  const workerMetricsPort = int(env, 'WORKER_METRICS_PORT', 9464, 0);
  if (workerMetricsPort > 65535) throw new ConfigError(`WORKER_METRICS_PORT must be a port number, got "${workerMetricsPort}"`);
  const stripeSecretKey = env.STRIPE_SECRET_KEY || null;
  if (stripeSecretKey && !/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/.test(stripeSecretKey)) {
    throw new ConfigError('STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_test_…, sk_live_…, rk_test_…, rk_live_…)');
  }
  const stripeWebhookSecret = env.STRIPE_WEBHOOK_SECRET || null;
  if (stripeWebhookSecret && !stripeWebhookSecret.startsWith('whsec_')) throw new ConfigError('STRIPE_WEBHOOK_SECRET must start with whsec_');
  const stripeWebhookSecretPrevious = env.STRIPE_WEBHOOK_SECRET_PREVIOUS || null;
  if (stripeWebhookSecretPrevious && !stripeWebhookSecretPrevious.startsWith('whsec_')) throw new ConfigError('STRIPE_WEBHOOK_SECRET_PREVIOUS must start with whsec_');
  const stripeApiBase = parseUrl(env, 'STRIPE_API_BASE');
  const logFormat = str(env, 'LOG_FORMAT', production ? 'json' : 'pretty');
  if (logFormat !== 'pretty' && logFormat !== 'json') throw new ConfigError(`LOG_FORMAT must be "pretty" or "json", got "${logFormat}"`);
  const headersTimeoutMs = int(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 100);
  const requestTimeoutMs = int(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 100);
  if (headersTimeoutMs > requestTimeoutMs) throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS must not be above HTTP_REQUEST_TIMEOUT_MS');
  return {
    nodeEnv,
    port,
    host: str(env, 'HOST', '0.0.0.0'),
    publicUrl: publicUrl.replace(/\/$/, ''),
    databaseUrl: str(env, 'DATABASE_URL', 'postgres://backoffice_app:backoffice_app@127.0.0.1:5432/backoffice'),
    databaseOwnerUrl: str(env, 'DATABASE_OWNER_URL', 'postgres://backoffice_owner:backoffice_owner@127.0.0.1:5432/backoffice'),
    databaseAdminUrl: str(env, 'DATABASE_ADMIN_URL', 'postgres://postgres@127.0.0.1:5432/postgres'),
    redisUrl: str(env, 'REDIS_URL', 'redis://127.0.0.1:6379'),
    redisPrefix: str(env, 'REDIS_PREFIX', 'bo'),
    jwtSecret,
    encryptionKey,
    accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30),
    refreshTokenTtlDays: int(env, 'REFRESH_TOKEN_TTL_DAYS', 30, 1),
    tenantApproval: approval,
    corsOrigins: str(env, 'CORS_ORIGINS', publicUrl).split(',').map((o) => o.trim()).filter(Boolean),
    bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024),
    publicBodyLimitBytes: int(env, 'PUBLIC_BODY_LIMIT_BYTES', 16_384, 1024),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    mailDir: resolve(str(env, 'MAIL_DIR', 'var/mail')),
    smtpUrl: env.SMTP_URL ? env.SMTP_URL : null,
    mailFrom: str(env, 'MAIL_FROM', 'Back Office <no-reply@backoffice.local>'),
    stripeSecretKey,
    stripeWebhookSecret,
    stripeWebhookSecretPrevious,
    stripeApiBase,
    webDist: resolve(str(env, 'WEB_DIST', 'apps/web/dist')),
    logLevel: str(env, 'LOG_LEVEL', 'info'),
    logFormat,
    logFile: env.LOG_FILE ? resolve(env.LOG_FILE) : null,
    metricsToken,
    workerMetricsPort,
    outboxLagReadySeconds: int(env, 'OUTBOX_LAG_READY_SECONDS', 300, 1),
    rateLimits: {
      public: int(env, 'RATE_LIMIT_PUBLIC', 120, 1),
      user: int(env, 'RATE_LIMIT_USER', 600, 1),
      apiKey: int(env, 'RATE_LIMIT_API_KEY', 600, 1),
      login: int(env, 'RATE_LIMIT_LOGIN', 10, 1),
      signup: int(env, 'RATE_LIMIT_SIGNUP', 5, 1),
      passwordReset: int(env, 'RATE_LIMIT_PASSWORD_RESET', 5, 1),
      invitations: int(env, 'RATE_LIMIT_INVITATIONS', 30, 1),
      testEmails: int(env, 'RATE_LIMIT_TEST_EMAILS', 3, 1),
      paylinkCheckouts: int(env, 'RATE_LIMIT_PAYLINK_CHECKOUTS', 20, 1),
    },
    idempotencyLockSeconds: int(env, 'IDEMPOTENCY_LOCK_SECONDS', 60, 1),
    http: {
      headersTimeoutMs,
      requestTimeoutMs,
      keepAliveTimeoutMs: int(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 65_000, 100),
      idleTimeoutMs: int(env, 'HTTP_IDLE_TIMEOUT_MS', 60_000, 100),
      writeTimeoutMs: int(env, 'HTTP_WRITE_TIMEOUT_MS', 30_000, 100),
    },
    database: {
      poolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1),
      workerPoolSize: int(env, 'WORKER_DATABASE_POOL_SIZE', WORKER_DEFAULT_POOL_SIZE, 1),
      checkoutTimeoutMs: int(env, 'DATABASE_POOL_CHECKOUT_TIMEOUT_MS', 5000, 10),
      statementTimeoutMs: int(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 30_000, 100),
      idleInTransactionTimeoutMs: int(env, 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 30_000, 100),
    },
    exportsPerUser: int(env, 'EXPORTS_PER_USER', 2, 1),
    principalCacheSize: int(env, 'PRINCIPAL_CACHE_SIZE', 10_000, 0),
    usageFlushEverySeconds: int(env, 'USAGE_FLUSH_EVERY_SECONDS', 10, 1),
    webhooks: {
      allowPrivate: bool(env, 'WEBHOOKS_ALLOW_PRIVATE', false),
      timeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100),
      backoffBaseMs: int(env, 'WEBHOOK_BACKOFF_BASE_MS', 60_000, 1),
      maxBackoffMs: int(env, 'WEBHOOK_BACKOFF_MAX_MS', 6 * 3600_000, 1),
      maxAttempts: int(env, 'WEBHOOK_MAX_ATTEMPTS', 20, 1),
      disableAfterFailures: int(env, 'WEBHOOK_DISABLE_AFTER_FAILURES', 5, 1),
    },
    jobBackoffScale: num(env, 'JOB_BACKOFF_SCALE', 1),
    workerLockMs: int(env, 'WORKER_LOCK_MS', 30_000, 500),
    outboxSweepAfterSeconds: int(env, 'OUTBOX_SWEEP_AFTER_SECONDS', 300, 1),
    outboxSweepEverySeconds: int(env, 'OUTBOX_SWEEP_EVERY_SECONDS', 60, 1),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
