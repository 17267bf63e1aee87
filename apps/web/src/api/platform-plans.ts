import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestOf, ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';
import { usePagedList } from './use-paged-list';

export type PlatformPlan = ResponseOf<'/api/v1/admin/billing/plans/{id}', 'get'>;
export type PlatformPlanPrice = PlatformPlan['prices'][number];
export type PlatformPlanCreate = RequestOf<'/api/v1/admin/billing/plans', 'post'>;
export type PlatformPlanUpdate = RequestOf<'/api/v1/admin/billing/plans/{id}', 'patch'>;
export type PlatformPlanPriceCreate = RequestOf<'/api/v1/admin/billing/plans/{id}/prices', 'post'>;
export type TenantPlans = ResponseOf<'/api/v1/billing/plans', 'get'>;

/** Each change is sent once with its own Idempotency-Key (a retry of the same request returns its first answer). */
const once = () => ({ 'Idempotency-Key': crypto.randomUUID() });

/** Staff: the plans sold to tenants, newest first; `active` null shows archived ones too. */
export function usePlatformPlans(active: 'true' | 'false' | null) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.platformPlanList(tenantId, { active }),
    fetchPage: (page) => unwrap(api.GET('/api/v1/admin/billing/plans', { params: { query: { active: active ?? undefined, ...page } } })),
    tenantScoped: false,
  });
}

function usePlanMutation<V>(run: (variables: V) => Promise<PlatformPlan>) {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => refetchAfterChange(queryClient, queryKeys.platformPlans(tenantId)) });
}

export function useCreatePlatformPlan() {
  return usePlanMutation((body: PlatformPlanCreate) => unwrap(api.POST('/api/v1/admin/billing/plans', { params: { header: once() }, body })));
}

export function useUpdatePlatformPlan() {
  return usePlanMutation(({ id, ...body }: PlatformPlanUpdate & { id: string }) => unwrap(api.PATCH('/api/v1/admin/billing/plans/{id}', { params: { path: { id }, header: once() }, body })));
}

/** A new price for an interval and currency; the server archives the one it replaces. */
export function useSetPlatformPlanPrice() {
  return usePlanMutation(({ id, ...body }: PlatformPlanPriceCreate & { id: string }) =>
    unwrap(api.POST('/api/v1/admin/billing/plans/{id}/prices', { params: { path: { id }, header: once() }, body })),
  );
}

/** The business: plans on sale, its current plan and its plan subscription. */
export function useTenantPlans() {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.tenantPlans(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/billing/plans')),
    enabled: Boolean(tenantId),
  });
}

/** A Checkout URL for a plan price; the caller sends the browser there. */
export function useStartPlanCheckout() {
  return useMutation({ mutationFn: (body: RequestOf<'/api/v1/billing/plan-checkout', 'post'>) => unwrap(api.POST('/api/v1/billing/plan-checkout', { params: { header: once() }, body })) });
}

export function useOpenPlanPortal() {
  return useMutation({ mutationFn: (body: RequestOf<'/api/v1/billing/plan-portal', 'post'>) => unwrap(api.POST('/api/v1/billing/plan-portal', { params: { header: once() }, body })) });
}
