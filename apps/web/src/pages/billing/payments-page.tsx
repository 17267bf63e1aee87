import { Anchor, Group, MultiSelect, Select, Table, Text, TextInput } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { isStripeNotConfigured } from '../../api/billing';
import { PAYMENT_STATUSES, useBillingPayments, type BillingPayment, type PaymentFilters } from '../../api/billing-payments';
import { DebouncedSearch } from '../../components/debounced-search';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';
import { useUrlFilters } from '../../components/use-url-filters';
import { isPaymentFiltered, PAYMENT_STATUS_LABELS, parsePaymentFilters, serializePaymentFilters } from './payment-filters';
import { StripeNotConfigured } from './stripe-not-configured';

/** The API's bound on the search (PaymentQueryDto). */
const SEARCH_MAX = 200;

const REFUNDED_OPTIONS = [
  { value: 'true', label: 'Refunded (in part or in full)' },
  { value: 'false', label: 'Nothing refunded' },
];

function PaymentFiltersBar({ filters, onChange }: { filters: PaymentFilters; onChange: (filters: PaymentFilters) => void }) {
  const set = <K extends keyof PaymentFilters>(key: K, value: PaymentFilters[K]) => onChange({ ...filters, [key]: value });
  return (
    <Group mb="md" align="flex-end">
      <DebouncedSearch label="Customer" placeholder="Name or email" maxLength={SEARCH_MAX} value={filters.search} onChange={(search) => set('search', search)} w={240} />
      <MultiSelect
        label="Status"
        placeholder={filters.status.length ? undefined : 'Any status'}
        data={PAYMENT_STATUSES.map((value) => ({ value, label: PAYMENT_STATUS_LABELS[value] }))}
        value={filters.status}
        onChange={(values) => set('status', PAYMENT_STATUSES.filter((status) => values.includes(status)))}
        clearable
        w={280}
      />
      <Select
        label="Refunds"
        placeholder="Any"
        data={REFUNDED_OPTIONS}
        value={filters.refunded === null ? null : String(filters.refunded)}
        onChange={(value) => set('refunded', value === null ? null : value === 'true')}
        clearable
        w={230}
      />
      <TextInput label="Created from" type="date" value={filters.createdFrom ?? ''} onChange={(e) => set('createdFrom', e.currentTarget.value || null)} w={160} />
      <TextInput label="Created to" type="date" value={filters.createdTo ?? ''} onChange={(e) => set('createdTo', e.currentTarget.value || null)} w={160} />
    </Group>
  );
}

export function PaymentsPage() {
  const [filters, setFilters] = useUrlFilters(parsePaymentFilters, serializePaymentFilters);
  const payments = useBillingPayments(filters);
  const format = useFormat();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="Payments" description="What your customers paid, or tried to pay, as Stripe holds it, with what is left to refund." />
      {isStripeNotConfigured(payments.error) ? (
        <StripeNotConfigured />
      ) : (
        <>
          <PaymentFiltersBar filters={filters} onChange={setFilters} />
          <PagedTable
            query={payments}
            minWidth={900}
            empty={
              isPaymentFiltered(filters) ? (
                <EmptyList title="No payment matches these filters" description="Try another status, refund filter, search or dates." />
              ) : (
                <EmptyList title="No payments yet" description="A payment appears here when a customer pays an invoice or a checkout." />
              )
            }
            head={
              <>
                <Table.Th>Amount</Table.Th>
                <Table.Th>Customer</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Refunded</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th>Created</Table.Th>
              </>
            }
            row={(payment: BillingPayment) => (
              <Table.Tr key={payment.id} data-testid="payment-row" style={{ cursor: 'pointer' }} onClick={() => navigate(`/billing/payments/${payment.id}`)}>
                <Table.Td>
                  {/* The row opens on a click; the link is the way there for the keyboard and screen readers. */}
                  <Anchor component={Link} to={`/billing/payments/${payment.id}`} size="sm" onClick={(e) => e.stopPropagation()}>
                    {format.money(payment.amount, payment.currency)}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{payment.customer?.name ?? payment.customer?.email ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={payment.status} />
                </Table.Td>
                <Table.Td>{payment.amountRefunded === 0 ? '—' : format.money(payment.amountRefunded, payment.currency)}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={1}>
                    {payment.description ?? payment.failureMessage ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>{format.dateTime(payment.createdAt)}</Table.Td>
              </Table.Tr>
            )}
          />
        </>
      )}
    </>
  );
}
