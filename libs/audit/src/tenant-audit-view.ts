import type { AuditLogDto } from './dto/audit-log.dto';

const SESSION_ID_FIELD = /^session_?ids?$/i;

function withoutSessionIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSessionIds);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).filter(([key]) => !SESSION_ID_FIELD.test(key)).map(([key, inner]) => [key, withoutSessionIds(inner)]),
    );
  }
  return value;
}

/**
 * An audit event as a tenant may see it: without login session ids (an auth_session event's entity id,
 * any `sessionId` in before/after). Platform staff read the full row on their own path.
 */
export function tenantAuditView(log: AuditLogDto): AuditLogDto {
  return {
    ...log,
    entityId: log.entityType === 'auth_session' ? null : log.entityId,
    before: withoutSessionIds(log.before),
    after: withoutSessionIds(log.after),
  };
}
