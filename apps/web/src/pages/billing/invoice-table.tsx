import { Anchor, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { BillingInvoice } from '../../api/billing-invoices';
import { PagedTable, type PagedQuery } from '../../components/paged-table';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';

/** Invoices as a paged table (the invoices page, a subscription's page): number, customer, status, total, dates. */
export function InvoiceTable({ query, empty }: { query: PagedQuery<BillingInvoice>; empty: ReactNode }) {
  const format = useFormat();
  const navigate = useNavigate();
  return (
    <PagedTable
      query={query}
      minWidth={860}
      empty={empty}
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
  );
}
