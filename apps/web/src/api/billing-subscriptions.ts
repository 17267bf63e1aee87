import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestOf, ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { endOfDay, startOfDay } from './day-range';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';
import { usePagedList } from './use-paged-list';

export type BillingSubscriptionPage = ResponseOf<'/api/v1/billing/subscriptions', 'get'>;
export type BillingSubscription = ResponseOf<'/api/v1/billing/subscriptions/{id}', 'get'>;
export type SubscriptionStats = BillingSubscriptionPage['stats'];
export type SubscriptionCancel = RequestOf<'/api/v1/billing/subscriptions/{id}/cancel', 'post'>;
export type SubscriptionPause = RequestOf<'/api/v1/billing/subscriptions/{id}/pause', 'post'>;
export type SubscriptionExtend = RequestOf<'/api/v1/billing/subscriptions/{id}/extend', 'post'>;
export type SubscriptionChangePlan = RequestOf<'/api/v1/billing/subscriptions/{id}/change-plan', 'post'>;
export type SubscriptionChangePreview = ResponseOf<'/api/v1/billing/subscriptions/{id}/change-preview', 'get'>;
export type CancellationReason = NonNullable<SubscriptionCancel['reason']>;

export const SUBSCRIPTION_STATUSES = ['trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused', 'incomplete'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
export const BILLING_INTERVALS = ['month', 'year', 'week', 'day'] as const;
export type BillingInterval = (typeof BILLING_INTERVALS)[number];

/** The list's filters as the page keeps them (in the URL); days are calendar days (YYYY-MM-DD) of the viewer. */
export interface SubscriptionFilters {
  status: SubscriptionStatus[];
  interval: BillingInterval | null;
  renewsFrom: string | null;
  renewsTo: string | null;
  search: string;
  cancelAtPeriodEnd: boolean | null;
}

/** Subscriptions matching the filters, page by page; every page carries the stats of the whole filter. */
export function useBillingSubscriptions(filters: SubscriptionFilters) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.billingSubscriptionList(tenantId, filters),
    fetchPage: (page) =>
      unwrap(
        api.GET('/api/v1/billing/subscriptions', {
          params: {
            query: {
              status: filters.status.length ? filters.status : undefined,
              interval: filters.interval ?? undefined,
              renewsFrom: startOfDay(filters.renewsFrom),
              renewsTo: endOfDay(filters.renewsTo),
              search: filters.search || undefined,
              cancelAtPeriodEnd: filters.cancelAtPeriodEnd ?? undefined,
              ...page,
            },
          },
        }),
      ),
  });
}

export function useBillingSubscription(id: string) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.billingSubscription(tenantId, id),
    queryFn: () => unwrap(api.GET('/api/v1/billing/subscriptions/{id}', { params: { path: { id } } })),
    enabled: Boolean(tenantId),
  });
}

/** What Stripe would charge or credit now for moving the subscription to `priceId` (nothing is changed). */
export function useSubscriptionChangePreview(id: string, change: { priceId: string | null; quantity: number | null }) {
  const tenantId = useActiveTenantId();
  const { priceId, quantity } = change;
  return useQuery({
    queryKey: queryKeys.billingSubscriptionChangePreview(tenantId, id, { priceId: priceId ?? '', quantity }),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/billing/subscriptions/{id}/change-preview', {
          params: { path: { id }, query: { priceId: priceId ?? '', quantity: quantity ?? undefined } },
        }),
      ),
    enabled: Boolean(tenantId) && Boolean(priceId),
    // A preview is computed for a moment: the confirmation sends its prorationDate, never a newer one.
    staleTime: Infinity,
    retry: false,
  });
}

/** A staff action on a subscription; each is one Stripe call keyed by `idempotencyKey` (one per attempt). */
export type SubscriptionAction =
  | { action: 'cancel'; body: SubscriptionCancel }
  | { action: 'undo-cancel' }
  | { action: 'pause'; body: SubscriptionPause }
  | { action: 'resume' }
  | { action: 'extend'; body: SubscriptionExtend }
  | { action: 'change-plan'; body: SubscriptionChangePlan };

function sendAction(id: string, idempotencyKey: string, change: SubscriptionAction) {
  const params = { path: { id }, header: { 'Idempotency-Key': idempotencyKey } };
  switch (change.action) {
    case 'cancel':
      return api.POST('/api/v1/billing/subscriptions/{id}/cancel', { params, body: change.body });
    case 'undo-cancel':
      return api.POST('/api/v1/billing/subscriptions/{id}/undo-cancel', { params, body: {} });
    case 'pause':
      return api.POST('/api/v1/billing/subscriptions/{id}/pause', { params, body: change.body });
    case 'resume':
      return api.POST('/api/v1/billing/subscriptions/{id}/resume', { params, body: {} });
    case 'extend':
      return api.POST('/api/v1/billing/subscriptions/{id}/extend', { params, body: change.body });
    case 'change-plan':
      return api.POST('/api/v1/billing/subscriptions/{id}/change-plan', { params, body: change.body });
  }
}

/** Runs an action; the answer (the subscription as the mirror now has it) replaces the detail, and the lists are asked for again. */
export function useSubscriptionAction() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, idempotencyKey, change }: { id: string; idempotencyKey: string; change: SubscriptionAction }) =>
      unwrap(sendAction(id, idempotencyKey, change)),
    onSuccess: (subscription) => {
      queryClient.setQueryData(queryKeys.billingSubscription(tenantId, subscription.id), subscription);
      return refetchAfterChange(queryClient, queryKeys.billingSubscriptions(tenantId));
    },
  });
}

/** The catalog's products on sale with their prices (the API's largest page): what a plan change can move to. */
export function useProductsOnSale() {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.billingProductList(tenantId, { status: 'active', search: null, page: 'all' }),
    queryFn: () => unwrap(api.GET('/api/v1/billing/products', { params: { query: { active: 'true', limit: 100 } } })),
    enabled: Boolean(tenantId),
  });
}
