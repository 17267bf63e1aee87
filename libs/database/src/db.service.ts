import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { currentContext, isUuid, requestContext, type RequestContext } from '@app/core';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

export interface TransactionScope {
  tenantId?: string | null;
  userId?: string | null;
}

function uuidOrEmpty(value: string | null | undefined): string {
  if (!value) return '';
  if (!isUuid(value)) throw new Error('Tenant and user ids in a transaction scope must be UUIDs');
  return value;
}

/**
 * The one way to reach the database: a transaction per request or job, bound to a tenant through the
 * `app.tenant_id` setting that the row-level security policies read.
 */
@Injectable()
export class Db {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  /** Runs `work` in a new transaction whose RLS settings are the given tenant and user. */
  async transaction<T>(scope: TransactionScope, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const tenantId = uuidOrEmpty(scope.tenantId);
    const userId = uuidOrEmpty(scope.userId);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`select set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`, [tenantId, userId]);
      const parent = currentContext();
      const store: RequestContext = {
        requestId: parent?.requestId ?? 'internal',
        ip: parent?.ip ?? null,
        userAgent: parent?.userAgent ?? null,
        principal: parent?.principal ?? null,
        tenantId: tenantId || null,
        manager,
      };
      return requestContext.run(store, () => work(manager));
    });
  }

  /** The current transaction's manager. Throws outside a transaction, so no query runs unscoped by accident. */
  manager(): EntityManager {
    const manager = currentContext()?.manager;
    if (!manager) throw new Error('No database transaction in this context');
    return manager;
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

  /** Re-binds the current transaction to a tenant (after signup creates one, or invitation lookup). */
  async bindTenant(tenantId: string): Promise<void> {
    await this.manager().query(`select set_config('app.tenant_id', $1, true)`, [uuidOrEmpty(tenantId)]);
    const store = currentContext();
    if (store) store.tenantId = tenantId;
  }

  async bindUser(userId: string): Promise<void> {
    await this.manager().query(`select set_config('app.user_id', $1, true)`, [uuidOrEmpty(userId)]);
  }

  /** Lets the current transaction read an invitation by its token hash before its tenant is known. */
  async bindInvitationToken(tokenHash: string): Promise<void> {
    await this.manager().query(`select set_config('app.invitation_token', $1, true)`, [tokenHash]);
  }

  /** Lets the current transaction read the auth session of a refresh token (by its hash) before its user is known. */
  async bindRefreshToken(tokenHash: string): Promise<void> {
    await this.manager().query(`select set_config('app.refresh_token', $1, true)`, [tokenHash]);
  }

  /**
   * The explicit cross-tenant path for platform staff: opens RLS to every tenant for the rest of the
   * current transaction. Callers audit what they do with it.
   */
  async crossTenant(): Promise<void> {
    await this.manager().query(`select set_config('app.cross_tenant', 'on', true)`);
  }
}
