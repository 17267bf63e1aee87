import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths, ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';
import { usePagedList } from './use-paged-list';

export type DeadLetterSummary = ResponseOf<'/api/v1/admin/dead-letters', 'get'>['data'][number];
export type DeadLetter = ResponseOf<'/api/v1/admin/dead-letters/{id}', 'get'>;
export type DeadLetterStatus = DeadLetter['status'];
export type ReplayResult = ResponseOf<'/api/v1/admin/dead-letters/replay', 'post'>['results'][number];

export const DEAD_LETTER_STATUSES: readonly DeadLetterStatus[] = ['open', 'replayed', 'discarded'];
type DeadLetterQuery = NonNullable<paths['/api/v1/admin/dead-letters']['get']['parameters']['query']>;
export type Queue = NonNullable<DeadLetterQuery['queue']>;
export const QUEUES: readonly Queue[] = ['email', 'system', 'webhooks'];

export interface DeadLetterFilters {
  status: DeadLetterStatus | null;
  queue: Queue | null;
  jobName: string;
  /** Sent only once it is a whole UUID (the page checks it). */
  tenantId: string;
}

export const OPEN_DEAD_LETTERS: DeadLetterFilters = { status: 'open', queue: null, jobName: '', tenantId: '' };

export function useDeadLetters(filters: DeadLetterFilters) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.deadLetterList(tenantId, { ...filters }),
    fetchPage: (page) =>
      unwrap(
        api.GET('/api/v1/admin/dead-letters', {
          params: {
            query: {
              status: filters.status ?? undefined,
              queue: filters.queue ?? undefined,
              jobName: filters.jobName || undefined,
              tenantId: filters.tenantId || undefined,
              ...page,
            },
          },
        }),
      ),
    tenantScoped: false,
  });
}

export function useDeadLetter(id: string | null) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.deadLetter(tenantId, id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/admin/dead-letters/{id}', { params: { path: { id: id! } } })),
    enabled: id !== null,
  });
}

function useRefetchDeadLetters() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return () => refetchAfterChange(queryClient, queryKeys.deadLetters(tenantId));
}

export function useReplayDeadLetter() {
  const refetch = useRefetchDeadLetters();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/admin/dead-letters/{id}/replay', { params: { path: { id } } })),
    onSuccess: refetch,
  });
}

export function useDiscardDeadLetter() {
  const refetch = useRefetchDeadLetters();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/api/v1/admin/dead-letters/{id}/discard', { params: { path: { id } }, body: { reason } })),
    onSuccess: refetch,
  });
}

export function useReplayDeadLetters() {
  const refetch = useRefetchDeadLetters();
  return useMutation({
    mutationFn: (ids: string[]) => unwrap(api.POST('/api/v1/admin/dead-letters/replay', { body: { ids } })),
    onSuccess: refetch,
  });
}
