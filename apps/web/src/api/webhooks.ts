import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestOf, ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { usePagedList } from './use-paged-list';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';

export type WebhookEndpoint = ResponseOf<'/api/v1/webhook-endpoints/{id}', 'get'>;
export type WebhookEndpointWithSecret = ResponseOf<'/api/v1/webhook-endpoints', 'post'>;
export type WebhookEndpointCreate = RequestOf<'/api/v1/webhook-endpoints', 'post'>;
export type WebhookEndpointUpdate = RequestOf<'/api/v1/webhook-endpoints/{id}', 'patch'>;
export type WebhookEventTypeKey = WebhookEndpointCreate['eventTypes'][number];
export type WebhookDelivery = ResponseOf<'/api/v1/webhook-endpoints/{id}/deliveries', 'get'>['data'][number];
export type WebhookDeliveryStatus = WebhookDelivery['status'];
export type WebhookDeliveryDetail = ResponseOf<'/api/v1/webhook-deliveries/{id}', 'get'>;

/** Deliveries that the worker will still change: the list polls while one is on screen. */
const inFlight = (status: WebhookDeliveryStatus) => status === 'pending' || status === 'failed';

export function useWebhookEventTypes() {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.webhookEventTypes(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/webhooks/event-types')),
    enabled: Boolean(tenantId),
    staleTime: 5 * 60_000,
    select: (list) => list.data,
  });
}

export function useWebhookEndpoints() {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.webhookEndpoints(tenantId),
    fetchPage: (page) => unwrap(api.GET('/api/v1/webhook-endpoints', { params: { query: page } })),
  });
}

export function useWebhookEndpoint(id: string) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.webhookEndpoint(tenantId, id),
    queryFn: () => unwrap(api.GET('/api/v1/webhook-endpoints/{id}', { params: { path: { id } } })),
    enabled: Boolean(tenantId),
  });
}

function useInvalidateEndpoints() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.webhookEndpoints(tenantId) });
}

export function useCreateWebhookEndpoint() {
  const invalidate = useInvalidateEndpoints();
  return useMutation({
    mutationFn: (body: WebhookEndpointCreate) => unwrap(api.POST('/api/v1/webhook-endpoints', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateWebhookEndpoint() {
  const invalidate = useInvalidateEndpoints();
  return useMutation({
    mutationFn: ({ id, ...body }: WebhookEndpointUpdate & { id: string }) =>
      unwrap(api.PATCH('/api/v1/webhook-endpoints/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useDeleteWebhookEndpoint() {
  const invalidate = useInvalidateEndpoints();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/webhook-endpoints/{id}', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

export function useRotateWebhookSecret() {
  const invalidate = useInvalidateEndpoints();
  return useMutation({
    mutationFn: ({ id, overlapHours }: { id: string; overlapHours: number }) =>
      unwrap(api.POST('/api/v1/webhook-endpoints/{id}/rotate-secret', { params: { path: { id } }, body: { overlapHours } })),
    onSuccess: invalidate,
  });
}

export function useSendWebhookTest() {
  const invalidate = useInvalidateEndpoints();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/webhook-endpoints/{id}/test', { params: { path: { id } }, body: {} })),
    onSuccess: invalidate,
  });
}

export function useWebhookDeliveries(endpointId: string, filters: { status: WebhookDeliveryStatus | null }) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.webhookDeliveries(tenantId, endpointId, filters),
    fetchPage: (page) =>
      unwrap(api.GET('/api/v1/webhook-endpoints/{id}/deliveries', { params: { path: { id: endpointId }, query: { status: filters.status ?? undefined, ...page } } })),
    refetchInterval: (rows) => (rows.some((row) => inFlight(row.status)) ? 2_000 : false),
  });
}

export function useWebhookDelivery(id: string | null) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.webhookDelivery(tenantId, id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/webhook-deliveries/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(tenantId && id),
    refetchInterval: (query) => (query.state.data && inFlight(query.state.data.status) ? 2_000 : false),
  });
}

export function useReplayWebhookDelivery() {
  const invalidate = useInvalidateEndpoints();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/webhook-deliveries/{id}/replay', { params: { path: { id } }, body: {} })),
    onSuccess: invalidate,
  });
}
