import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';

interface ParsedUrl {
  user: string;
  password: string;
  database: string;
}

function parse(url: string): ParsedUrl {
  const u = new URL(url);
  return { user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), database: u.pathname.replace(/^\//, '') };
}

const ident = (name: string) => '"' + name.replace(/"/g, '""') + '"';
const literal = (value: string) => "'" + value.replace(/'/g, "''") + "'";

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + database;
  return u.toString();
}

export async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** What PostgreSQL enforces on every session of the runtime role (ms). */
export interface RuntimeSessionLimits {
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

/**
 * Creates, if missing, the two roles and the database: an owner role that owns the schema and runs
 * migrations, and the runtime role the app connects as (not the owner, NOBYPASSRLS), so row-level
 * security applies to every query the app makes. The runtime role's sessions in that database get
 * the statement and idle-in-transaction timeouts as role defaults, so they hold for any client that
 * connects as it (the app's pools also set them per connection).
 */
export async function ensureDatabase(adminUrl: string, ownerUrl: string, runtimeUrl: string, limits?: RuntimeSessionLimits): Promise<void> {
  const owner = parse(ownerUrl);
  const runtime = parse(runtimeUrl);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const role of [owner, runtime]) {
      const exists = await admin.query('select 1 from pg_roles where rolname = $1', [role.user]);
      if (exists.rowCount === 0) {
        await admin
          .query(`create role ${ident(role.user)} login nosuperuser nocreatedb nocreaterole nobypassrls password ${literal(role.password)}`)
          .catch((err) => {
            if (err.code !== '42710') throw err; // created concurrently
          });
      }
    }
    const db = await admin.query('select 1 from pg_database where datname = $1', [runtime.database]);
    if (db.rowCount === 0) {
      await admin.query(`create database ${ident(runtime.database)} owner ${ident(owner.user)}`).catch((err) => {
        if (err.code !== '42P04') throw err;
      });
    }
    await admin.query(`grant connect on database ${ident(runtime.database)} to ${ident(runtime.user)}`);
    if (limits) {
      const ms = (value: number) => literal(`${Math.trunc(value)}ms`);
      await admin.query(`alter role ${ident(runtime.user)} in database ${ident(runtime.database)} set statement_timeout = ${ms(limits.statementTimeoutMs)}`);
      await admin.query(
        `alter role ${ident(runtime.user)} in database ${ident(runtime.database)} set idle_in_transaction_session_timeout = ${ms(limits.idleInTransactionTimeoutMs)}`,
      );
    }
  } finally {
    await admin.end();
  }
}

/** Applies pending migrations as the owner role and grants the runtime role row access to every table. */
export async function migrate(ownerUrl: string, runtimeUrl: string): Promise<string[]> {
  const runtime = parse(runtimeUrl);
  const dataSource = new DataSource({ type: 'postgres', url: ownerUrl, migrations: MIGRATIONS, migrationsTransactionMode: 'all', logging: false });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    await dataSource.query(`
      grant usage on schema public to ${ident(runtime.user)};
      grant select, insert, update, delete on all tables in schema public to ${ident(runtime.user)};
      alter default privileges in schema public grant select, insert, update, delete on tables to ${ident(runtime.user)};
    `);
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
