import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestOf, ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { endOfDay, startOfDay } from './day-range';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';
import { usePagedList } from './use-paged-list';

export type BillingPayment = ResponseOf<'/api/v1/billing/payments', 'get'>['data'][number];
export type BillingPaymentDetail = ResponseOf<'/api/v1/billing/payments/{id}', 'get'>;
export type PaymentRefund = BillingPaymentDetail['refunds'][number];
export type RefundQuote = ResponseOf<'/api/v1/billing/payments/{id}/refund-quote', 'get'>;
export type RefundCreate = RequestOf<'/api/v1/billing/payments/{id}/refunds', 'post'>;
export type RefundReason = RefundCreate['reason'];
export type RefundRequest = ResponseOf<'/api/v1/billing/refund-requests', 'get'>['data'][number];

/** A payment intent's statuses, and a bare charge's own (pending, failed), as the API filters them. */
export const PAYMENT_STATUSES = ['succeeded', 'processing', 'requires_payment_method', 'requires_confirmation', 'requires_action', 'requires_capture', 'canceled', 'pending', 'failed'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const REFUND_REQUEST_STATUSES = ['pending_approval', 'pending', 'sent', 'failed', 'rejected'] as const;
export type RefundRequestStatus = (typeof REFUND_REQUEST_STATUSES)[number];

export const REFUND_REASONS: { value: RefundReason; label: string }[] = [
  { value: 'requested_by_customer', label: 'Requested by the customer' },
  { value: 'duplicate', label: 'Duplicate payment' },
  { value: 'fraudulent', label: 'Fraudulent' },
];

export const refundReasonLabel = (reason: string | null) => (reason === null ? '—' : (REFUND_REASONS.find((r) => r.value === reason)?.label ?? reason));

export interface PaymentFilters {
  status: PaymentStatus[];
  /** true: anything refunded; false: nothing refunded; null: either. */
  refunded: boolean | null;
  search: string;
  /** Calendar days (YYYY-MM-DD) in the viewer's time zone, both included. */
  createdFrom: string | null;
  createdTo: string | null;
}

/** Payments matching the filters, newest first, page by page. */
export function useBillingPayments(filters: PaymentFilters) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.billingPaymentList(tenantId, filters),
    fetchPage: (page) =>
      unwrap(
        api.GET('/api/v1/billing/payments', {
          params: {
            query: {
              status: filters.status.length ? filters.status : undefined,
              refunded: filters.refunded ?? undefined,
              search: filters.search || undefined,
              createdFrom: startOfDay(filters.createdFrom),
              createdTo: endOfDay(filters.createdTo),
              ...page,
            },
          },
        }),
      ),
  });
}

export function useBillingPayment(id: string) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.billingPayment(tenantId, id),
    queryFn: () => unwrap(api.GET('/api/v1/billing/payments/{id}', { params: { path: { id } } })),
    enabled: Boolean(tenantId),
  });
}

/** What the business's refund policy suggests refunding now (pre-fills the refund form). */
export function useRefundQuote(id: string) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.billingRefundQuote(tenantId, id),
    queryFn: () => unwrap(api.GET('/api/v1/billing/payments/{id}/refund-quote', { params: { path: { id } } })),
    enabled: Boolean(tenantId),
    // Each opening of the refund form asks again: the refundable amount moves with every refund.
    staleTime: 0,
    gcTime: 0,
  });
}

/** A refund made at once (201) or one waiting for a second person's approval (202). */
export const awaitsApproval = (outcome: PaymentRefund | RefundRequest): outcome is RefundRequest => 'paymentId' in outcome;

/** Everything a refund or a decision on one changes: payments (refundable, refunds, quote), refund requests, customers (timeline). */
function useRefetchRefunds() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      refetchAfterChange(queryClient, queryKeys.billingPayments(tenantId)),
      refetchAfterChange(queryClient, queryKeys.billingRefundRequests(tenantId)),
      refetchAfterChange(queryClient, queryKeys.billingCustomers(tenantId)),
    ]);
}

/**
 * Refunds a payment, keyed by `idempotencyKey` (one per attempt of the form). Refetches after a failure
 * too: a 422 means the refundable amount moved, and the form should show the new one.
 */
export function useRefundPayment() {
  const refetch = useRefetchRefunds();
  return useMutation({
    mutationFn: ({ paymentId, refund, idempotencyKey }: { paymentId: string; refund: RefundCreate; idempotencyKey: string }) =>
      unwrap(api.POST('/api/v1/billing/payments/{id}/refunds', { params: { path: { id: paymentId }, header: { 'Idempotency-Key': idempotencyKey } }, body: refund })),
    onSettled: refetch,
  });
}

/** Refund requests with these statuses (all when empty), newest first, page by page; of one payment when given. */
export function useRefundRequests({ status, paymentId }: { status: RefundRequestStatus[]; paymentId?: string }) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.billingRefundRequestList(tenantId, { status, paymentId: paymentId ?? null }),
    fetchPage: (page) => unwrap(api.GET('/api/v1/billing/refund-requests', { params: { query: { status: status.length ? status : undefined, paymentId, ...page } } })),
  });
}

export type RefundDecision = { id: string; decision: 'approve' } | { id: string; decision: 'reject'; reason: string };

function decide(decision: RefundDecision) {
  const params = { path: { id: decision.id } };
  return decision.decision === 'approve'
    ? api.POST('/api/v1/billing/refund-requests/{id}/approve', { params })
    : api.POST('/api/v1/billing/refund-requests/{id}/reject', { params, body: { reason: decision.reason } });
}

/** Approves (the refund is then sent to Stripe) or rejects a refund waiting for a second person. */
export function useDecideRefund() {
  const refetch = useRefetchRefunds();
  return useMutation({
    mutationFn: (decision: RefundDecision) => unwrap(decide(decision)),
    onSettled: refetch,
  });
}
