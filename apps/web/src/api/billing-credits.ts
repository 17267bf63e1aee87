import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RequestOf, ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';
import { usePagedList } from './use-paged-list';

export type BalanceTransactionPage = ResponseOf<'/api/v1/billing/customers/{id}/balance-transactions', 'get'>;
export type BalanceTransaction = BalanceTransactionPage['data'][number];
export type BalanceAdjustment = RequestOf<'/api/v1/billing/customers/{id}/balance-transactions', 'post'>;
export type TimelineEntry = ResponseOf<'/api/v1/billing/customers/{id}/timeline', 'get'>['data'][number];

/** A customer's balance history from Stripe, newest first, page by page (each page carries the current balance). */
export function useBalanceTransactions(customerId: string) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.billingCustomerBalance(tenantId, customerId),
    fetchPage: (page) => unwrap(api.GET('/api/v1/billing/customers/{id}/balance-transactions', { params: { path: { id: customerId }, query: page } })),
  });
}

/** Credits or debits a customer's balance in Stripe, keyed by `idempotencyKey` (one per attempt); the customer, its history and timeline are asked for again. */
export function useAdjustBalance(customerId: string) {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ adjustment, idempotencyKey }: { adjustment: BalanceAdjustment; idempotencyKey: string }) =>
      unwrap(
        api.POST('/api/v1/billing/customers/{id}/balance-transactions', {
          params: { path: { id: customerId }, header: { 'Idempotency-Key': idempotencyKey } },
          body: adjustment,
        }),
      ),
    // The customers' prefix holds this customer's detail (balance), history and timeline, and the list.
    onSuccess: () => refetchAfterChange(queryClient, queryKeys.billingCustomers(tenantId)),
  });
}

/** Everything that happened to a customer's money (payments, refunds, invoices, disputes, subscriptions, staff actions), newest first. */
export function useCustomerTimeline(customerId: string) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.billingCustomerTimeline(tenantId, customerId),
    fetchPage: (page) => unwrap(api.GET('/api/v1/billing/customers/{id}/timeline', { params: { path: { id: customerId }, query: page } })),
  });
}
