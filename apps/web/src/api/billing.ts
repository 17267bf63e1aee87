import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api } from './client';
import { asProblem, unwrap } from './problem';
import { queryKeys } from './query-keys';
import { usePagedList } from './use-paged-list';

export type StripeConnection = ResponseOf<'/api/v1/billing/connect', 'get'>;
export type OnboardingLink = ResponseOf<'/api/v1/billing/connect/onboarding-link', 'post'>;
export type BillingCustomer = ResponseOf<'/api/v1/billing/customers', 'get'>['data'][number];

/** Every billing route answers this problem when the server has no Stripe key: the billing pages say so (StripeNotConfigured). */
export const isStripeNotConfigured = (error: unknown) => asProblem(error)?.slug === 'stripe-not-configured';

/** The business's Stripe connection; `poll` asks again every few seconds until charges are enabled (back from onboarding). */
export function useStripeConnection({ poll = false }: { poll?: boolean } = {}) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.stripeConnection(tenantId),
    queryFn: () => unwrap(api.GET('/api/v1/billing/connect')),
    enabled: Boolean(tenantId),
    refetchInterval: poll ? (query) => (query.state.data && !query.state.data.chargesEnabled ? 3000 : false) : false,
  });
}

/** Asks for a Stripe onboarding link (creating the connected account on first use); the caller opens it at once. */
export function useCreateOnboardingLink() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/billing/connect/onboarding-link', { body: {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.stripeConnection(tenantId) }),
  });
}

export function useBillingCustomers() {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.billingCustomerList(tenantId, {}),
    fetchPage: (page) => unwrap(api.GET('/api/v1/billing/customers', { params: { query: page } })),
  });
}
