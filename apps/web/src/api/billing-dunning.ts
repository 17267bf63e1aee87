import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';
import { usePagedList } from './use-paged-list';

export type FailedPaymentPage = ResponseOf<'/api/v1/billing/failed-payments', 'get'>;
export type FailedPayment = FailedPaymentPage['data'][number];
export type FailedPaymentStats = FailedPaymentPage['stats'];

export const REMINDER_TEMPLATES = [
  { value: 'payment-failed', label: 'Payment failed' },
  { value: 'card-expiring', label: 'Card expiring' },
  { value: 'payment-final-notice', label: 'Final notice' },
] as const;
export type ReminderTemplate = (typeof REMINDER_TEMPLATES)[number]['value'];

/** Open invoices whose automatic payment failed, newest first, page by page (each page carries the stats). */
export function useFailedPayments(search: string) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.billingFailedPaymentList(tenantId, search),
    fetchPage: (page) => unwrap(api.GET('/api/v1/billing/failed-payments', { params: { query: { search: search || undefined, ...page } } })),
  });
}

/** Emails the customer a reminder (the API sends at most one an hour per invoice). */
export function useSendReminder() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ invoiceId, template }: { invoiceId: string; template: ReminderTemplate }) =>
      unwrap(api.POST('/api/v1/billing/failed-payments/{invoiceId}/reminders', { params: { path: { invoiceId } }, body: { template } })),
    onSuccess: () => refetchAfterChange(queryClient, queryKeys.billingFailedPayments(tenantId)),
  });
}
