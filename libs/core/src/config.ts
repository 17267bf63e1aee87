import { resolve } from 'node:path';

export type TenantApproval = 'auto' | 'manual';

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
  bodyLimitBytes: number;
  mailDir: string;
  smtpUrl: string | null;
  mailFrom: string;
  webDist: string;
  logLevel: string;
  /** Multiplies every job retry delay; below 1 only to make tests fast. */
  jobBackoffScale: number;
  /** BullMQ lock of an active job; a worker that dies is noticed after about this long. */
  workerLockMs: number;
  outboxSweepAfterSeconds: number;
  outboxSweepEverySeconds: number;
}

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

function num(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`Environment variable ${key} must be a number > 0, got "${raw}"`);
  return value;
}

const DEV_SECRET = 'dev-only-secret-change-me-0123456789abcdef';

/** The one config loader: every process reads its settings through this function. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = str(env, 'NODE_ENV', 'development');
  const production = nodeEnv === 'production';
  const port = int(env, 'PORT', 3000, 1);
  const jwtSecret = str(env, 'JWT_SECRET', production ? undefined : DEV_SECRET);
  if (jwtSecret.length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  const encryptionKey = str(env, 'ENCRYPTION_KEY', production ? undefined : DEV_SECRET);
  if (encryptionKey.length < 32) throw new ConfigError('ENCRYPTION_KEY must be at least 32 characters');
  const approval = str(env, 'TENANT_APPROVAL', 'auto');
  if (approval !== 'auto' && approval !== 'manual') throw new ConfigError(`TENANT_APPROVAL must be "auto" or "manual", got "${approval}"`);
  const publicUrl = str(env, 'PUBLIC_URL', `http://localhost:${port}`);
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
    mailDir: resolve(str(env, 'MAIL_DIR', 'var/mail')),
    smtpUrl: env.SMTP_URL ? env.SMTP_URL : null,
    mailFrom: str(env, 'MAIL_FROM', 'Back Office <no-reply@backoffice.local>'),
    webDist: resolve(str(env, 'WEB_DIST', 'apps/web/dist')),
    logLevel: str(env, 'LOG_LEVEL', production ? 'info' : 'info'),
    jobBackoffScale: num(env, 'JOB_BACKOFF_SCALE', 1),
    workerLockMs: int(env, 'WORKER_LOCK_MS', 30_000, 500),
    outboxSweepAfterSeconds: int(env, 'OUTBOX_SWEEP_AFTER_SECONDS', 300, 1),
    outboxSweepEverySeconds: int(env, 'OUTBOX_SWEEP_EVERY_SECONDS', 60, 1),
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
