import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { unwrap } from './problem';
import { queryKeys } from './query-keys';
import type { CancellationReason } from './billing-subscriptions';

export type MemberBilling = ResponseOf<'/api/v1/billing/me', 'get'>;
export type MemberSubscription = MemberBilling['subscriptions'][number];
export type MemberInvoice = MemberBilling['invoices'][number];

/** The signed-in member's own billing (subscriptions, invoices, what they may access, a payment to fix). */
export function useMemberBilling() {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.memberBilling(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/billing/me')),
    enabled: Boolean(tenantId),
    // The past-due banner reads it on every page: once a minute is fresh enough.
    staleTime: 60_000,
  });
}

export type MemberSubscriptionChange =
  | { action: 'cancel'; reason?: CancellationReason; feedback?: string }
  | { action: 'undo-cancel' };

function sendChange(id: string, idempotencyKey: string, change: MemberSubscriptionChange) {
  const params = { path: { id }, header: { 'Idempotency-Key': idempotencyKey } };
  if (change.action === 'cancel') return api.POST('/api/v1/billing/me/subscriptions/{id}/cancel', { params, body: { reason: change.reason, feedback: change.feedback } });
  return api.POST('/api/v1/billing/me/subscriptions/{id}/undo-cancel', { params, body: {} });
}

/** Cancels the member's own subscription at period end, or undoes it; their billing is asked for again. */
export function useMemberSubscriptionChange() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, idempotencyKey, change }: { id: string; idempotencyKey: string; change: MemberSubscriptionChange }) => unwrap(sendChange(id, idempotencyKey, change)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.memberBilling(tenantId) }),
  });
}

/** The hosted page and PDF of one of the member's invoices, read from Stripe when asked. */
export function useMemberInvoiceLinks() {
  return useMutation({
    mutationFn: (id: string) => unwrap(api.GET('/api/v1/billing/me/invoices/{id}/links', { params: { path: { id } } })),
  });
}

/** The Stripe Customer Portal of the member's own customer (update the card), coming back to `returnUrl`. */
export function useOpenOwnPortal() {
  return useMutation({
    mutationFn: (returnUrl: string) =>
      unwrap(api.POST('/api/v1/billing/portal-sessions', { body: { returnUrl } })),
    onSuccess: (session) => window.location.assign(session.url),
  });
}
