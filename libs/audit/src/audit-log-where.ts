import { decodeTimeCursor, Problems } from '@app/core';
import type { AuditLogFilterDto } from './dto/audit-log-filter.dto';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(field: 'from' | 'to', value: string | undefined): Date | null {
  if (!value) return null;
  let date = new Date(value);
  if (Number.isNaN(date.getTime())) throw Problems.validation([{ field, message: `${field} must be a valid ISO 8601 date` }]);
  if (field === 'to' && DATE_ONLY.test(value)) date = new Date(date.getTime() + 86_400_000 - 1);
  return date;
}

/**
 * SQL conditions (over alias `a`) and their parameters for audit log filters; checks the filters
 * (from ≤ to, cursor) before any query runs. `params` may already hold earlier parameters.
 */
export function auditLogWhere(filter: AuditLogFilterDto & { tenantId?: string; cursor?: string }, params: unknown[]): string[] {
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  const from = parseDate('from', filter.from);
  const to = parseDate('to', filter.to);
  if (from && to && from > to) throw Problems.validation([{ field: 'from', message: 'from must not be after to' }]);
  const cursor = decodeTimeCursor(filter.cursor);
  if (filter.tenantId) where.push(`a.tenant_id = ${param(filter.tenantId)}::uuid`);
  if (filter.actorId) where.push(`a.actor_id = ${param(filter.actorId)}::uuid`);
  if (filter.action?.endsWith('*')) where.push(`starts_with(a.action, ${param(filter.action.slice(0, -1))})`);
  else if (filter.action) where.push(`a.action = ${param(filter.action)}`);
  if (filter.entityType) where.push(`a.entity_type = ${param(filter.entityType)}`);
  if (filter.entityId) where.push(`a.entity_id = ${param(filter.entityId)}`);
  if (from) where.push(`a.created_at >= ${param(from.toISOString())}::timestamptz`);
  if (to) where.push(`a.created_at < ${param(to.toISOString())}::timestamptz + interval '1 millisecond'`);
  if (cursor) where.push(`(a.created_at, a.id) < (${param(cursor.at)}::timestamptz, ${param(cursor.id)}::uuid)`);
  return where;
}
