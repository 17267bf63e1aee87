import { INVOICE_STATUSES, type InvoiceFilters } from '../../api/billing-invoices';
import { oneOfParam } from '../../components/use-url-filters';

/** The invoices list's filters read from its query string (?status=open&q=…). */
export function parseInvoiceFilters(params: URLSearchParams): InvoiceFilters {
  return { status: oneOfParam(params, 'status', INVOICE_STATUSES), search: params.get('q')?.trim() ?? '' };
}

export const serializeInvoiceFilters = (filters: InvoiceFilters): Record<string, string | null> => ({ status: filters.status, q: filters.search });
