import { Anchor, Group, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { isStripeNotConfigured } from '../../api/billing';
import { INVOICE_STATUSES, useBillingInvoices, type BillingInvoice } from '../../api/billing-invoices';
import { DebouncedSearch } from '../../components/debounced-search';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { StatusBadge } from '../../components/status-badge';
import { StatusFilter } from '../../components/status-filter';
import { useFormat } from '../../components/use-format';
import { useUrlFilters } from '../../components/use-url-filters';
import { parseInvoiceFilters, serializeInvoiceFilters } from './invoice-filters';
import { StripeNotConfigured } from './stripe-not-configured';

/** The API's bound on the search (InvoiceQueryDto). */
const SEARCH_MAX = 200;

export function InvoicesPage() {
  const format = useFormat();
  const navigate = useNavigate();
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
          <PagedTable
            query={invoices}
            minWidth={860}
            empty={
              filtered ? (
                <EmptyList title="No invoice matches these filters" description="Try another status or search." />
              ) : (
                <EmptyList title="No invoices yet" description="An invoice appears here when Stripe bills a subscription or one is made for a customer." />
              )
            }
            head={
              <>
                <Table.Th>Number</Table.Th>
                <Table.Th>Customer</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Total</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th>Created</Table.Th>
              </>
            }
            row={(invoice: BillingInvoice) => (
              <Table.Tr key={invoice.id} data-testid="invoice-row" style={{ cursor: 'pointer' }} onClick={() => navigate(`/billing/invoices/${invoice.id}`)}>
                <Table.Td>
                  {/* The row opens on a click; the link is the way there for the keyboard and screen readers. */}
                  <Anchor component={Link} to={`/billing/invoices/${invoice.id}`} size="sm" onClick={(e) => e.stopPropagation()}>
                    {invoice.number ?? 'Draft'}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{invoice.customerName ?? invoice.customerEmail ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={invoice.status ?? 'unknown'} />
                </Table.Td>
                <Table.Td>{invoice.total === null ? '—' : format.money(invoice.total, invoice.currency)}</Table.Td>
                <Table.Td>{format.date(invoice.dueDate)}</Table.Td>
                <Table.Td>{format.date(invoice.stripeCreatedAt ?? invoice.createdAt)}</Table.Td>
              </Table.Tr>
            )}
          />
        </>
      )}
    </>
  );
}
