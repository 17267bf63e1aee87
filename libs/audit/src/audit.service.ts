import { Injectable } from '@nestjs/common';
import { currentContext, newId } from '@app/core';
import { Db } from '@app/database';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Defaults to the tenant the current transaction is bound to. */
  tenantId?: string | null;
  /** For actions before anyone is signed in (signup, login): who acted. */
  actorId?: string | null;
  actorEmail?: string | null;
}

const SECRET_FIELD = /password|secret|token|hash|totp|apikey|api_key/i;

/** Masks secret-looking fields so audit diffs never hold credentials. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    // A loop rather than Object.fromEntries(Object.entries(…).map(…)): every audited change goes through here.
    // No prototype, so a `__proto__` key stays a plain field (as with fromEntries).
    const masked = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value)) masked[key] = SECRET_FIELD.test(key) ? '***' : maskSecrets((value as Record<string, unknown>)[key]);
    return masked;
  }
  return value;
}

/** The one audit writer: one row per mutation, in the caller's transaction. */
@Injectable()
export class AuditService {
  constructor(private readonly db: Db) {}

  async record(entry: AuditEntry): Promise<void> {
    const context = currentContext();
    const principal = context?.principal ?? null;
    const apiKeyId = principal?.apiKeyId ?? null;
    const actorId = apiKeyId ?? principal?.userId ?? entry.actorId ?? null;
    const tenantId = entry.tenantId !== undefined ? entry.tenantId : (context?.tenantId ?? null);
    // A prepared statement: every mutation and many jobs write one, so it is planned once per connection.
    await this.db.query(
      `insert into audit_logs (id, tenant_id, actor_type, actor_id, actor_email, impersonator_id, action, entity_type, entity_id,
                               before, after, ip, user_agent, request_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        newId(),
        tenantId,
        apiKeyId ? 'api_key' : actorId ? 'user' : context?.requestId === 'system' ? 'system' : 'anonymous',
        actorId,
        principal?.email ?? entry.actorEmail ?? null,
        principal?.impersonatorId ?? null,
        entry.action,
        entry.entityType,
        entry.entityId ?? null,
        entry.before === undefined ? null : JSON.stringify(maskSecrets(entry.before)),
        entry.after === undefined ? null : JSON.stringify(maskSecrets(entry.after)),
        context?.ip ?? null,
        context?.userAgent ?? null,
        context?.requestId ?? null,
      ],
    );
  }
}
