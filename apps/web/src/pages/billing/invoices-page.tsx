import { Group } from '@mantine/core';
import { isStripeNotConfigured } from '../../api/billing';
import { INVOICE_STATUSES, useBillingInvoices } from '../../api/billing-invoices';
import { DebouncedSearch } from '../../components/debounced-search';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { StatusFilter } from '../../components/status-filter';
import { useUrlFilters } from '../../components/use-url-filters';
import { parseInvoiceFilters, serializeInvoiceFilters } from './invoice-filters';
import { InvoiceTable } from './invoice-table';
import { StripeNotConfigured } from './stripe-not-configured';

/** The API's bound on the search (InvoiceQueryDto). */
const SEARCH_MAX = 200;

export function InvoicesPage() {
  const [filters, setFilters] = useUrlFilters(parseInvoiceFilters, serializeInvoiceFilters);
  const invoices = useBillingInvoices(filters);
  const filtered = filters.status !== null || filters.search !== '';
  return (
    <>
      <PageHeader title="Invoices" description="What your customers were billed, for their subscriptions and one-off, as Stripe holds it." />
      {isStripeNotConfigured(invoices.error) ? (
        <StripeNotConfigured />
      ) : (
        <>
          <Group align="flex-end" mb="md">
            <StatusFilter statuses={INVOICE_STATUSES} value={filters.status} onChange={(status) => setFilters({ ...filters, status })} label="Filter invoices by status" />
            <DebouncedSearch
              label="Search"
              placeholder="Customer name, email or invoice number"
              maxLength={SEARCH_MAX}
              value={filters.search}
              onChange={(search) => setFilters({ ...filters, search })}
            />
          </Group>
          <InvoiceTable
            query={invoices}
            empty={
              filtered ? (
                <EmptyList title="No invoice matches these filters" description="Try another status or search." />
              ) : (
                <EmptyList title="No invoices yet" description="An invoice appears here when Stripe bills a subscription or one is made for a customer." />
              )
            }
          />
        </>
      )}
    </>
  );
}
