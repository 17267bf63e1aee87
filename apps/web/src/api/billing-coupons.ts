import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestOf, ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';
import { usePagedList } from './use-paged-list';

export type BillingCoupon = ResponseOf<'/api/v1/billing/coupons', 'get'>['data'][number];
export type BillingCouponDetail = ResponseOf<'/api/v1/billing/coupons/{id}', 'get'>;
export type PromotionCode = BillingCouponDetail['promotionCodes'][number];
export type CouponCreate = RequestOf<'/api/v1/billing/coupons', 'post'>;
export type PromotionCodeCreate = RequestOf<'/api/v1/billing/coupons/{id}/promotion-codes', 'post'>;

/** The list's filter: every coupon, only those Stripe holds valid, or only the no longer valid ones. */
export type CouponValidity = 'valid' | 'invalid' | null;

export function useBillingCoupons(validity: CouponValidity) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.billingCouponList(tenantId, { validity }),
    fetchPage: (page) =>
      unwrap(api.GET('/api/v1/billing/coupons', { params: { query: { valid: validity === null ? undefined : validity === 'valid', ...page } } })),
  });
}

export function useBillingCoupon(id: string) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.billingCoupon(tenantId, id),
    queryFn: () => unwrap(api.GET('/api/v1/billing/coupons/{id}', { params: { path: { id } } })),
    enabled: Boolean(tenantId),
  });
}

/** After a coupon change: the answer replaces its detail, and the lists load again. */
function useCouponChanged() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return (coupon: BillingCouponDetail) => {
    queryClient.setQueryData(queryKeys.billingCoupon(tenantId, coupon.id), coupon);
    return refetchAfterChange(queryClient, queryKeys.billingCoupons(tenantId));
  };
}

export function useCreateCoupon() {
  const changed = useCouponChanged();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CouponCreate; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/billing/coupons', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body })),
    onSuccess: changed,
  });
}

export function useDeactivateCoupon() {
  const changed = useCouponChanged();
  return useMutation({
    mutationFn: ({ id, idempotencyKey }: { id: string; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/billing/coupons/{id}/deactivate', { params: { path: { id }, header: { 'Idempotency-Key': idempotencyKey } }, body: {} })),
    onSuccess: changed,
  });
}

/** Promotion code changes answer the code: the coupon's page loads again to show it. */
function useRefetchCoupons() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return () => refetchAfterChange(queryClient, queryKeys.billingCoupons(tenantId));
}

export function useCreatePromotionCode() {
  const refetch = useRefetchCoupons();
  return useMutation({
    mutationFn: ({ couponId, body, idempotencyKey }: { couponId: string; body: PromotionCodeCreate; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/billing/coupons/{id}/promotion-codes', { params: { path: { id: couponId }, header: { 'Idempotency-Key': idempotencyKey } }, body })),
    onSuccess: refetch,
  });
}

export function useSetPromotionCodeActive() {
  const refetch = useRefetchCoupons();
  return useMutation({
    mutationFn: ({ id, active, idempotencyKey }: { id: string; active: boolean; idempotencyKey: string }) => {
      const params = { path: { id }, header: { 'Idempotency-Key': idempotencyKey } };
      return unwrap(active ? api.POST('/api/v1/billing/promotion-codes/{id}/activate', { params, body: {} }) : api.POST('/api/v1/billing/promotion-codes/{id}/deactivate', { params, body: {} }));
    },
    onSuccess: refetch,
  });
}
