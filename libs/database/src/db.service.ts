import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { currentContext, isUuid, requestContext, type RequestContext } from '@app/core';
import type { Pool, PoolClient, QueryResult } from 'pg';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryRunner, Repository } from 'typeorm';
import { dropAfterCommit, runAfterCommit } from './after-commit';

export interface TransactionScope {
  tenantId?: string | null;
  userId?: string | null;
}

/**
 * A call of one of the database's own functions, evaluated in the round trip that opens a transaction
 * (e.g. the access stamp of the request's principal). Arguments are ids or hex digests only: they are
 * checked here and sent inline, because that first message carries several statements and so cannot
 * take parameters.
 */
export interface OpeningProbe {
  fn: 'app_session_access_stamp' | 'app_api_key_access_stamp';
  args: ReadonlyArray<string | null>;
}

const PROBE_ARGUMENT = /^[0-9a-f-]{1,128}$/i;

function uuidOrEmpty(value: string | null | undefined): string {
  if (!value) return '';
  if (!isUuid(value)) throw new Error('Tenant and user ids in a transaction scope must be UUIDs');
  return value;
}

function probeSql(probe: OpeningProbe): string {
  const args = probe.args.map((arg) => {
    if (arg === null) return 'null';
    if (!PROBE_ARGUMENT.test(arg)) throw new Error('An opening probe takes ids and hex digests only');
    return `'${arg}'`;
  });
  return `${probe.fn}(${args.join(', ')})`;
}

/** A statement's name on every connection: the same text is parsed and planned once per connection. */
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `s_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * A TypeORM query runner on a connection Db already holds, inside the transaction Db opened (with a
 * message of ours that also carries the RLS settings): its queries, savepoints (nested
 * `manager.transaction`) and `afterCommit` behave as after startTransaction. Db commits or rolls back
 * and releases the connection itself; the runner never returns it to the pool. Pinned TypeORM 1.1:
 * guarded by request-path.e2e-spec ("Db transactions opened in one round trip").
 */
function runnerOn(dataSource: DataSource, client: PoolClient): QueryRunner {
  const runner = dataSource.createQueryRunner();
  const state = runner as unknown as { databaseConnection: PoolClient; isTransactionActive: boolean; transactionDepth: number };
  state.databaseConnection = client;
  state.isTransactionActive = true;
  state.transactionDepth = 1;
  return runner;
}

function markTransactionClosed(runner: QueryRunner): void {
  const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
  state.isTransactionActive = false;
  state.transactionDepth = 0;
}

/**
 * The one way to reach the database: a transaction per request or job, bound to a tenant through the
 * `app.tenant_id` setting that the row-level security policies read.
 */
@Injectable()
export class Db {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  /**
   * Runs `work` in a new transaction whose RLS settings are the given tenant and user. A `work` that
   * takes no argument gets no TypeORM manager made for it: its queries go through `query` (or
   * `manager()`, which makes one on first use), so a transaction of prepared statements never builds
   * TypeORM's per-transaction objects.
   */
  async transaction<T>(scope: TransactionScope, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (work.length === 0) return this.transactionWith(scope, null, () => (work as () => Promise<T>)());
    return this.transactionWith(scope, null, () => work(this.manager()));
  }

  /**
   * Like `transaction`, in one round trip for START TRANSACTION, the RLS settings and `probe` (whose
   * value `work` receives: null without a probe). The connection comes from the pool TypeORM made; the
   * commit is ours (no TypeORM events: `afterCommit` callbacks are run here).
   */
  async transactionWith<T>(scope: TransactionScope, probe: OpeningProbe | null, work: (probed: string | null) => Promise<T>): Promise<T> {
    const tenantId = uuidOrEmpty(scope.tenantId);
    const userId = uuidOrEmpty(scope.userId);
    const opening = `start transaction; select set_config('app.tenant_id', '${tenantId}', true), set_config('app.user_id', '${userId}', true)${probe ? `, ${probeSql(probe)} as probe` : ''}`;
    const client = await this.pool().connect();
    // A connection whose state is unknown (a failed rollback) is destroyed instead of going back to the pool.
    let broken: Error | undefined;
    // pg-pool listens for errors only on idle connections. One the server ends while we hold it between
    // statements (idle-in-transaction timeout, a terminated backend) emits 'error' with no query to fail;
    // unheard, that error would end the process. Heard here, the next statement fails and the connection
    // is destroyed on release.
    const onError = (error: Error) => (broken ??= error);
    client.on('error', onError);
    let runner: QueryRunner | null = null;
    let finished: RequestContext | null = null;
    try {
      let probed: string | null = null;
      try {
        const results = (await client.query(opening)) as unknown as QueryResult[];
        probed = (results[1]?.rows[0]?.probe as string | null | undefined) ?? null;
      } catch (error) {
        // The message may have started the transaction before failing: end it before the connection is reused.
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      }
      const dataSource = this.dataSource;
      const parent = currentContext();
      const store: RequestContext = {
        requestId: parent?.requestId ?? 'internal',
        ip: parent?.ip ?? null,
        userAgent: parent?.userAgent ?? null,
        principal: parent?.principal ?? null,
        tenantId: tenantId || null,
        client,
        get manager() {
          if (!this.client) throw new Error('This transaction has ended');
          runner ??= runnerOn(dataSource, this.client);
          return runner.manager;
        },
      };
      finished = store;
      let result: T;
      try {
        result = await requestContext.run(store, () => work(probed));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        if (runner) {
          markTransactionClosed(runner);
          dropAfterCommit(runner);
        }
        throw error;
      }
      if (runner) {
        markTransactionClosed(runner);
        await runAfterCommit(runner);
      }
      return result;
    } finally {
      // A late use of this transaction (work left running after it returned) throws instead of querying a
      // connection that is back in the pool: the store loses its connection, the runner is marked released.
      if (finished) (finished as RequestContext).client = null;
      if (runner) await (runner as QueryRunner).release();
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  /**
   * One statement of fixed text on its own, in PostgreSQL's implicit transaction, bound to no tenant
   * (row-level security shows it nothing): one round trip, for a route whose whole work is one call of a
   * security-definer function of the database (the Stripe inbox). Named prepared statement, like `query`.
   */
  async statement<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = await this.pool().connect();
    let broken: Error | undefined;
    const onError = (error: Error) => (broken ??= error);
    client.on('error', onError);
    try {
      const result = await client.query({ name: statementName(text), text, values });
      return result.rows as T[];
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  /** The pool TypeORM opened (pg-pool): Db takes its transactions' connections from it. */
  private pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  /** The current transaction's manager. Throws outside a transaction, so no query runs unscoped by accident. */
  manager(): EntityManager {
    const manager = currentContext()?.manager;
    if (!manager) throw new Error('No database transaction in this context');
    return manager;
  }

  /**
   * Runs a statement of fixed text (values only as parameters, never spliced in) as a named prepared
   * statement in the current transaction: PostgreSQL parses and plans it once per connection instead
   * of on every call. For the hot queries of the request path.
   */
  async query<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = currentContext()?.client;
    if (!client) throw new Error('No database transaction in this context');
    const result = await client.query({ name: statementName(text), text, values });
    return result.rows as T[];
  }

  repo<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.manager().getRepository(entity);
  }

  /** The tenant the current transaction is bound to; throws when there is none. */
  tenantId(): string {
    const tenantId = currentContext()?.tenantId;
    if (!tenantId) throw new Error('No tenant bound to this transaction');
    return tenantId;
  }

  /** Re-binds the current transaction to a tenant (after signup creates one, or invitation lookup); null unbinds it. */
  async bindTenant(tenantId: string | null): Promise<void> {
    await this.query(`select set_config('app.tenant_id', $1, true)`, [uuidOrEmpty(tenantId)]);
    const store = currentContext();
    if (store) store.tenantId = tenantId;
  }

  async bindUser(userId: string): Promise<void> {
    await this.query(`select set_config('app.user_id', $1, true)`, [uuidOrEmpty(userId)]);
  }

  /** Lets the current transaction read an invitation by its token hash before its tenant is known. */
  async bindInvitationToken(tokenHash: string): Promise<void> {
    await this.query(`select set_config('app.invitation_token', $1, true)`, [tokenHash]);
  }

  /** Lets the current transaction read the auth session of a refresh token (by its hash) before its user is known. */
  async bindRefreshToken(tokenHash: string): Promise<void> {
    await this.query(`select set_config('app.refresh_token', $1, true)`, [tokenHash]);
  }

  /** Lets the current transaction read the API key with this hash before its tenant is known. */
  async bindApiKeyHash(keyHash: string): Promise<void> {
    await this.query(`select set_config('app.api_key_hash', $1, true)`, [keyHash]);
  }

  /**
   * The explicit cross-tenant path for platform staff: opens RLS to every tenant for the rest of the
   * current transaction. Callers audit what they do with it.
   */
  async crossTenant(): Promise<void> {
    await this.query(`select set_config('app.cross_tenant', 'on', true)`);
  }
}
