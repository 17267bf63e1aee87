import type { AuditLogDto } from './dto/audit-log.dto';

/** Header and cell order of the audit log CSV export; before/after are JSON text. */
export const AUDIT_LOG_CSV_COLUMNS: Array<[string, (log: AuditLogDto) => unknown]> = [
  ['id', (l) => l.id],
  ['actorType', (l) => l.actorType],
  ['actorId', (l) => l.actorId],
  ['actorEmail', (l) => l.actorEmail],
  ['impersonatorId', (l) => l.impersonatorId],
  ['impersonatorEmail', (l) => l.impersonatorEmail],
  ['action', (l) => l.action],
  ['entityType', (l) => l.entityType],
  ['entityId', (l) => l.entityId],
  ['before', (l) => (l.before === null || l.before === undefined ? null : JSON.stringify(l.before))],
  ['after', (l) => (l.after === null || l.after === undefined ? null : JSON.stringify(l.after))],
  ['ip', (l) => l.ip],
  ['userAgent', (l) => l.userAgent],
  ['requestId', (l) => l.requestId],
  ['createdAt', (l) => l.createdAt],
];
