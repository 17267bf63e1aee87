import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';
import { usePagedList } from './use-paged-list';

export type StripeEventSummary = ResponseOf<'/api/v1/admin/billing/stripe-events', 'get'>['data'][number];
export type StripeEvent = ResponseOf<'/api/v1/admin/billing/stripe-events/{id}', 'get'>;
export type StripeEventStatus = StripeEvent['status'];

export const STRIPE_EVENT_STATUSES: readonly StripeEventStatus[] = ['received', 'processed', 'failed', 'ignored'];

export interface StripeEventFilters {
  status: StripeEventStatus | null;
  /** Sent only once it is a whole event type (the page checks it). */
  type: string;
  /** Sent only once it is a whole account id (the page checks it). */
  account: string;
}

export const ALL_STRIPE_EVENTS: StripeEventFilters = { status: null, type: '', account: '' };

/** An event the worker has still to process (stored, or queued again by a replay): the list and detail poll while one is shown. */
const pending = (status: StripeEventStatus) => status === 'received';

export function useStripeEvents(filters: StripeEventFilters) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.stripeEventList(tenantId, { ...filters }),
    fetchPage: (page) =>
      unwrap(
        api.GET('/api/v1/admin/billing/stripe-events', {
          params: { query: { status: filters.status ?? undefined, type: filters.type || undefined, account: filters.account || undefined, ...page } },
        }),
      ),
    tenantScoped: false,
    refetchInterval: (rows) => (rows.some((row) => pending(row.status)) ? 2000 : false),
  });
}

export function useStripeEvent(id: string | null) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.stripeEvent(tenantId, id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/admin/billing/stripe-events/{id}', { params: { path: { id: id! } } })),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && pending(query.state.data.status) ? 2000 : false),
  });
}

export function useReplayStripeEvent() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/admin/billing/stripe-events/{id}/replay', { params: { path: { id } }, body: {} })),
    onSuccess: () => refetchAfterChange(queryClient, queryKeys.stripeEvents(tenantId)),
  });
}

export type StripeWebhookHealth = ResponseOf<'/api/v1/admin/billing/webhook-health', 'get'>;

/** The inbox's last 24 hours; asked again every half minute while shown (the numbers move as events arrive). */
export function useStripeWebhookHealth() {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.stripeWebhookHealth(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/admin/billing/webhook-health')),
    refetchInterval: 30_000,
  });
}
