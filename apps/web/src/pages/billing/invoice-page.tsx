import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useBillingInvoice, useInvoiceLinks, type BillingInvoiceDetail } from '../../api/billing-invoices';
import { useSession } from '../../auth/use-session';
import { FactGrid } from '../../components/fact-grid';
import { HostedPageButton } from '../../components/hosted-page-button';
import { ListTable } from '../../components/list-table';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';
import { BillingRecordPage } from './billing-record-page';
import { InvoiceActions } from './invoice-actions';

export function InvoicePage() {
  const { id = '' } = useParams();
  const record = useBillingInvoice(id);
  return (
    <BillingRecordPage back={{ to: '/billing/invoices', label: 'Invoices' }} title="Invoice" query={record}>
      {(invoice) => <InvoiceView invoice={invoice} />}
    </BillingRecordPage>
  );
}

const COLLECTION: Record<string, string> = { send_invoice: 'Emailed to the customer', charge_automatically: 'Charged automatically' };

function InvoiceView({ invoice }: { invoice: BillingInvoiceDetail }) {
  const { can } = useSession();
  const format = useFormat();
  const links = useInvoiceLinks();
  const money = (amount: number | null) => (amount === null ? '—' : format.money(amount, invoice.currency));
  const customerName = invoice.customerName ?? invoice.customerEmail ?? 'Unknown customer';
  const customer: ReactNode = invoice.customerId ? (
    <Anchor component={Link} to={`/billing/customers/${invoice.customerId}`} size="sm">
      {customerName}
    </Anchor>
  ) : (
    customerName
  );
  const facts: [string, ReactNode][] = [
    ['Customer', customer],
    ['Status', <StatusBadge status={invoice.status ?? 'unknown'} />],
    ['Collection', invoice.collectionMethod ? COLLECTION[invoice.collectionMethod] : '—'],
    ['Subscription', invoice.subscriptionId ? <Anchor component={Link} to={`/billing/subscriptions/${invoice.subscriptionId}`} size="sm">Open subscription</Anchor> : 'None (one-off)'],
    ['Period', invoice.periodStart ? `${format.date(invoice.periodStart)} – ${format.date(invoice.periodEnd)}` : '—'],
    ['Due', format.date(invoice.dueDate)],
    ['Created', format.dateTime(invoice.stripeCreatedAt ?? invoice.createdAt)],
    ['Finalized', format.dateTime(invoice.finalizedAt)],
    ['Paid', format.dateTime(invoice.paidAt)],
    ['Voided', format.dateTime(invoice.voidedAt)],
    ['Marked uncollectible', format.dateTime(invoice.markedUncollectibleAt)],
    ['Next payment attempt', format.dateTime(invoice.nextPaymentAttempt)],
    ['Payment attempts', String(invoice.attemptCount)],
    ['Stripe id', <Text ff="monospace" size="xs" span>{invoice.stripeId}</Text>],
  ];
  const amounts: [string, ReactNode][] = [
    ['Subtotal', money(invoice.subtotal)],
    ['Tax', money(invoice.tax)],
    ['Total', money(invoice.total)],
    ['Amount due', money(invoice.amountDue)],
    ['Paid', money(invoice.amountPaid)],
    ['Remaining', money(invoice.amountRemaining)],
  ];
  return (
    <>
      <PageHeader
        title={invoice.number ? `Invoice ${invoice.number}` : 'Draft invoice'}
        description="An invoice as Stripe holds it. Actions taken here are sent to Stripe and recorded in the audit log."
        actions={
          <>
            {invoice.status !== 'draft' && <HostedPageButton invoiceId={invoice.id} links={links} />}
            {can('billing:write') && <InvoiceActions invoice={invoice} />}
          </>
        }
      />
      <Stack>
        {invoice.paymentActionRequired && (
          <Text c="orange" size="sm" data-testid="invoice-action-required">
            The customer must complete a payment step (3-D Secure) on the hosted page.
          </Text>
        )}
        <Paper withBorder p="md" data-testid="invoice-facts">
          <FactGrid facts={facts} cols={3} />
        </Paper>
        <Paper withBorder p="md" data-testid="invoice-amounts">
          <FactGrid facts={amounts} cols={6} />
        </Paper>
        <div>
          <Title order={2} size="h4" mb="xs">
            Lines
          </Title>
          {invoice.lines.length === 0 ? (
            <Text c="dimmed">No lines.</Text>
          ) : (
            <ListTable minWidth={560} columns={['Description', 'Quantity', 'Period', 'Amount']}>
              {invoice.lines.map((line) => (
                <Table.Tr key={line.stripeId} data-testid="invoice-line">
                  <Table.Td>
                    {line.description ?? line.productName ?? '—'}
                    {line.proration && (
                      <Text size="xs" c="dimmed">
                        Proration
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{line.quantity ?? '—'}</Table.Td>
                  <Table.Td>{line.periodStart ? `${format.date(line.periodStart)} – ${format.date(line.periodEnd)}` : '—'}</Table.Td>
                  <Table.Td>{format.money(line.amount, line.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </ListTable>
          )}
        </div>
      </Stack>
    </>
  );
}
