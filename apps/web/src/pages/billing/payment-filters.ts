import { PAYMENT_STATUSES, type PaymentFilters } from '../../api/billing-payments';
import { dayParam, listParam } from '../../components/use-url-filters';

/** The payments list's filters read from its query string (?status=succeeded&refunded=true&q=…&from=…&to=…). */
export function parsePaymentFilters(params: URLSearchParams): PaymentFilters {
  const refunded = params.get('refunded');
  return {
    status: listParam(params, 'status', PAYMENT_STATUSES),
    refunded: refunded === 'true' ? true : refunded === 'false' ? false : null,
    search: params.get('q')?.trim() ?? '',
    createdFrom: dayParam(params, 'from'),
    createdTo: dayParam(params, 'to'),
  };
}

export const serializePaymentFilters = (filters: PaymentFilters): Record<string, string | null> => ({
  status: filters.status.join(','),
  refunded: filters.refunded === null ? null : String(filters.refunded),
  q: filters.search,
  from: filters.createdFrom,
  to: filters.createdTo,
});

export const isPaymentFiltered = (filters: PaymentFilters) =>
  filters.status.length > 0 || filters.refunded !== null || filters.search !== '' || filters.createdFrom !== null || filters.createdTo !== null;

export const PAYMENT_STATUS_LABELS: Record<string, string> = {
  succeeded: 'Succeeded',
  processing: 'Processing',
  requires_payment_method: 'Failed, needs a payment method',
  requires_confirmation: 'Needs confirmation',
  requires_action: 'Needs customer action',
  requires_capture: 'Authorized, not captured',
  canceled: 'Canceled',
  pending: 'Pending',
  failed: 'Failed',
};

/** "visa ···· 4242 (12/31)" */
export function cardSummary(card: { brand: string | null; last4: string | null; expMonth: number | null; expYear: number | null } | null): string | null {
  if (!card || (!card.brand && !card.last4)) return null;
  const expiry = card.expMonth && card.expYear ? ` (${String(card.expMonth).padStart(2, '0')}/${String(card.expYear).slice(-2)})` : '';
  return `${card.brand ?? 'Card'} ···· ${card.last4 ?? '????'}${expiry}`;
}
