import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestOf, ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';

export type BulkSubscriptionsRequest = RequestOf<'/api/v1/billing/subscriptions/bulk', 'post'>;
export type BulkSubscriptionAction = BulkSubscriptionsRequest['action'];
export type BulkOperation = ResponseOf<'/api/v1/billing/bulk-operations/{id}', 'get'>;
export type UsableCoupon = ResponseOf<'/api/v1/billing/coupons', 'get'>['data'][number];

/** Progress is polled this often until the operation is done. */
const POLL_MS = 1000;

/** Queues a bulk action (202: the operation, queued); the key makes a resent request one operation. */
export function useStartBulkOperation() {
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: BulkSubscriptionsRequest; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/billing/subscriptions/bulk', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body })),
  });
}

/** The operation with its per-id results, polled until done; then the subscription lists are fetched again. */
export function useBulkOperation(id: string | null) {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.billingBulkOperation(tenantId, id ?? ''),
    queryFn: async () => {
      const operation = await unwrap(api.GET('/api/v1/billing/bulk-operations/{id}', { params: { path: { id: id! } } }));
      if (operation.status === 'done') await refetchAfterChange(queryClient, queryKeys.billingSubscriptions(tenantId));
      return operation;
    },
    enabled: Boolean(tenantId) && Boolean(id),
    refetchInterval: (query) => (query.state.data?.status === 'done' ? false : POLL_MS),
  });
}

/** The coupons that can still be applied (valid in Stripe), for the coupon picker. */
export function useUsableCoupons(enabled: boolean) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.billingUsableCoupons(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/billing/coupons', { params: { query: { valid: true, limit: 100 } } })),
    enabled: Boolean(tenantId) && enabled,
  });
}
