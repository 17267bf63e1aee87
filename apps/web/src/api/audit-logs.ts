import { useMutation } from '@tanstack/react-query';
import { api } from './client';
import { endOfDay, startOfDay } from './day-range';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { usePagedList } from './use-paged-list';
import { saveFile } from './save-file';

export interface AuditLogFilters {
  /** An exact action (`api_key.created`) or a prefix ending in `*` (`member.*`). */
  action: string;
  actorId: string | null;
  entityType: string;
  entityId: string;
  /** Calendar days (YYYY-MM-DD) in the viewer's time zone, both ends included. */
  from: string | null;
  to: string | null;
}

export const NO_AUDIT_FILTERS: AuditLogFilters = { action: '', actorId: null, entityType: '', entityId: '', from: null, to: null };

function filterQuery(filters: AuditLogFilters) {
  return {
    action: filters.action || undefined,
    actorId: filters.actorId ?? undefined,
    entityType: filters.entityType || undefined,
    entityId: filters.entityId || undefined,
    from: startOfDay(filters.from),
    to: endOfDay(filters.to),
  };
}

export function useAuditLogs(filters: AuditLogFilters) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.auditLogList(tenantId, { ...filters }),
    fetchPage: (page) => unwrap(api.GET('/api/v1/audit-logs', { params: { query: { ...filterQuery(filters), ...page } } })),
  });
}

/** Downloads the CSV export for the filters through the authenticated client (a bare link would carry no token). */
export function useExportAuditLogs() {
  return useMutation({
    mutationFn: async (filters: AuditLogFilters) => {
      const blob = await unwrap(api.GET('/api/v1/audit-logs/export', { params: { query: filterQuery(filters) }, parseAs: 'blob' }));
      saveFile(blob, `audit-log-${new Date().toISOString().slice(0, 10)}.csv`);
    },
  });
}
