import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestOf, ResponseOf } from '@app/api-client';
import { useActiveTenantId } from '../auth/token-store';
import { api, newIdempotencyKey } from './client';
import { asProblem, unwrap } from './problem';
import { queryKeys } from './query-keys';
import { refetchAfterChange } from './refetch-after-change';
import { usePagedList } from './use-paged-list';

export type StripeConnection = ResponseOf<'/api/v1/billing/connect', 'get'>;
export type OnboardingLink = ResponseOf<'/api/v1/billing/connect/onboarding-link', 'post'>;
export type BillingCustomer = ResponseOf<'/api/v1/billing/customers', 'get'>['data'][number];
export type BillingCustomerDetail = ResponseOf<'/api/v1/billing/customers/{id}', 'get'>;
export type BillingCustomerUpdate = RequestOf<'/api/v1/billing/customers/{id}', 'patch'>;
export type BillingProduct = ResponseOf<'/api/v1/billing/products/{id}', 'get'>;
export type BillingPrice = BillingProduct['prices'][number];
export type ProductCreate = RequestOf<'/api/v1/billing/products', 'post'>;
export type ProductUpdate = RequestOf<'/api/v1/billing/products/{id}', 'patch'>;
export type PriceCreate = RequestOf<'/api/v1/billing/products/{id}/prices', 'post'>;
export type PriceUpdate = RequestOf<'/api/v1/billing/prices/{id}', 'patch'>;
export type CheckoutSessionCreate = RequestOf<'/api/v1/billing/checkout-sessions', 'post'>;
export type CheckoutSession = ResponseOf<'/api/v1/billing/checkout-sessions', 'post'>;
export type ProductStatus = 'active' | 'archived';

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

/** `search`: part of the email or name ('' lists all). */
export function useBillingCustomers(search = '') {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.billingCustomerList(tenantId, { search }),
    fetchPage: (page) => unwrap(api.GET('/api/v1/billing/customers', { params: { query: { search: search || undefined, ...page } } })),
  });
}

export function useBillingCustomer(id: string) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.billingCustomer(tenantId, id),
    queryFn: () => unwrap(api.GET('/api/v1/billing/customers/{id}', { params: { path: { id } } })),
    enabled: Boolean(tenantId),
  });
}

/** Changes a customer's name or email in Stripe and the mirror; the list and the detail are asked for again. */
export function useUpdateBillingCustomer() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return useMutation({
    // The document marks the key required here (the route reads it to key Stripe's idempotency); one per change.
    mutationFn: ({ id, ...body }: BillingCustomerUpdate & { id: string }) =>
      unwrap(api.PATCH('/api/v1/billing/customers/{id}', { params: { path: { id }, header: { 'Idempotency-Key': newIdempotencyKey() } }, body })),
    onSuccess: (customer) => {
      queryClient.setQueryData(queryKeys.billingCustomer(tenantId, customer.id), customer);
      return refetchAfterChange(queryClient, queryKeys.billingCustomers(tenantId));
    },
  });
}

export function useBillingProducts(filters: { status: ProductStatus | null; search: string }) {
  return usePagedList({
    queryKey: (tenantId) => queryKeys.billingProductList(tenantId, { status: filters.status, search: filters.search || null }),
    fetchPage: (page) =>
      unwrap(
        api.GET('/api/v1/billing/products', {
          params: { query: { active: filters.status ? (filters.status === 'active' ? 'true' : 'false') : undefined, search: filters.search || undefined, ...page } },
        }),
      ),
  });
}

/** A product with all its prices, archived ones included. */
export function useBillingProduct(id: string) {
  const tenantId = useActiveTenantId();
  return useQuery({
    queryKey: queryKeys.billingProduct(tenantId, id),
    queryFn: () => unwrap(api.GET('/api/v1/billing/products/{id}', { params: { path: { id } } })),
    enabled: Boolean(tenantId),
  });
}

/** Every catalog change makes the product lists and the product's page stale (they share the key prefix). */
function useRefetchProducts() {
  const tenantId = useActiveTenantId();
  const queryClient = useQueryClient();
  return () => refetchAfterChange(queryClient, queryKeys.billingProducts(tenantId));
}

export function useCreateProduct() {
  const refetch = useRefetchProducts();
  return useMutation({
    mutationFn: (body: ProductCreate) => unwrap(api.POST('/api/v1/billing/products', { body })),
    onSuccess: refetch,
  });
}

/** Edits a product; `active: false` archives it and its prices in Stripe, `true` restores the product. */
export function useUpdateProduct() {
  const refetch = useRefetchProducts();
  return useMutation({
    mutationFn: ({ id, ...body }: ProductUpdate & { id: string }) => unwrap(api.PATCH('/api/v1/billing/products/{id}', { params: { path: { id } }, body })),
    onSuccess: refetch,
  });
}

export function useCreatePrice() {
  const refetch = useRefetchProducts();
  return useMutation({
    mutationFn: ({ productId, ...body }: PriceCreate & { productId: string }) =>
      unwrap(api.POST('/api/v1/billing/products/{id}/prices', { params: { path: { id: productId } }, body })),
    onSuccess: refetch,
  });
}

/**
 * Edits a price. Stripe prices are immutable: an amount, trial or tax change answers a new price
 * (replacesPriceId: this one, now archived); a nickname or `active` change answers the price itself.
 */
export function useUpdatePrice() {
  const refetch = useRefetchProducts();
  return useMutation({
    mutationFn: ({ id, ...body }: PriceUpdate & { id: string }) => unwrap(api.PATCH('/api/v1/billing/prices/{id}', { params: { path: { id } }, body })),
    onSuccess: refetch,
  });
}

/** A Stripe Checkout URL for a price (for someone else when customerEmail is given: billing:write). */
export function useCreateCheckoutSession() {
  return useMutation({
    mutationFn: (body: CheckoutSessionCreate) => unwrap(api.POST('/api/v1/billing/checkout-sessions', { body })),
  });
}
