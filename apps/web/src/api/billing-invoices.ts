import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';
import { usePagedList } from './use-paged-list';

export type BillingInvoice = ResponseOf<'/api/v1/billing/invoices', 'get'>['data'][number];
export type BillingInvoiceDetail = ResponseOf<'/api/v1/billing/invoices/{id}', 'get'>;
export type BillingInvoiceLinks = ResponseOf<'/api/v1/billing/invoices/{id}/links', 'get'>;

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export type InvoiceAction = 'finalize' | 'send' | 'void' | 'mark-uncollectible' | 'pay';

export interface InvoiceFilters {
  status: InvoiceStatus | null;
  search: string;
  /** Only the invoices of this subscription (its page lists them). */
  subscriptionId?: string;
}

/** Invoices matching the filters, newest first, page by page. */
export function useBillingInvoices(filters: InvoiceFilters) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.billingInvoiceList(tenantId, filters),
    fetchPage: (page) =>
      unwrap(
        api.GET('/api/v1/billing/invoices', {
          params: {
            query: { status: filters.status ? [filters.status] : undefined, search: filters.search || undefined, subscriptionId: filters.subscriptionId, ...page },
          },
        }),
      ),
  });
}

export function useBillingInvoice(id: string) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.billingInvoice(tenantId, id),
    queryFn: () => unwrap(api.GET('/api/v1/billing/invoices/{id}', { params: { path: { id } } })),
    enabled: Boolean(tenantId),
  });
}

/** The hosted page and PDF, read from Stripe when asked (they are not stored, and may change). */
export function useInvoiceLinks() {
  return useMutation({
    mutationFn: (id: string) => unwrap(api.GET('/api/v1/billing/invoices/{id}/links', { params: { path: { id } } })),
  });
}

function sendAction(id: string, action: InvoiceAction, idempotencyKey: string) {
  const params = { path: { id }, header: { 'Idempotency-Key': idempotencyKey } };
  switch (action) {
    case 'finalize':
      return api.POST('/api/v1/billing/invoices/{id}/finalize', { params });
    case 'send':
      return api.POST('/api/v1/billing/invoices/{id}/send', { params });
    case 'void':
      return api.POST('/api/v1/billing/invoices/{id}/void', { params });
    case 'mark-uncollectible':
      return api.POST('/api/v1/billing/invoices/{id}/mark-uncollectible', { params });
    case 'pay':
      return api.POST('/api/v1/billing/invoices/{id}/pay', { params });
  }
}

/** One Stripe call per action, keyed by `idempotencyKey` (one per attempt); the answer replaces the detail. */
export function useInvoiceAction() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, idempotencyKey }: { id: string; action: InvoiceAction; idempotencyKey: string }) => unwrap(sendAction(id, action, idempotencyKey)),
    onSuccess: (invoice) => {
      queryClient.setQueryData(queryKeys.billingInvoice(tenantId, invoice.id), invoice);
      return refetchAfterChange(queryClient, queryKeys.billingInvoices(tenantId));
    },
  });
}
