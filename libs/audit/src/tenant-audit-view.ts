import type { AuditLogDto } from './dto/audit-log.dto';

const SESSION_ID_FIELD = /^session_?ids?$/i;

/**
 * `value` without session id fields at any depth. Rows come freshly parsed from the driver, so a value
 * holding none (nearly all of them) is returned as it is; only a level that changes is copied.
 */
function withoutSessionIds(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const inner = withoutSessionIds(value[i]);
      if (inner !== value[i]) (copy ??= value.slice())[i] = inner;
    }
    return copy ?? value;
  }
  const object = value as Record<string, unknown>;
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(object)) {
    if (SESSION_ID_FIELD.test(key)) {
      delete (copy ??= { ...object })[key];
      continue;
    }
    const inner = withoutSessionIds(object[key]);
    if (inner !== object[key]) (copy ??= { ...object })[key] = inner;
  }
  return copy ?? object;
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
