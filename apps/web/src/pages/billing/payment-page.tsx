import { Alert, Anchor, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { refundReasonLabel, useBillingPayment, useRefundRequests, type BillingPaymentDetail } from '../../api/billing-payments';
import { useSession } from '../../auth/use-session';
import { FactGrid } from '../../components/fact-grid';
import { ListTable } from '../../components/list-table';
import { PageHeader } from '../../components/page-header';
import { pagedRows } from '../../components/paged-list';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';
import { BillingRecordPage } from './billing-record-page';
import { cardSummary } from './payment-filters';
import { RefundModal } from './refund-modal';

export function PaymentPage() {
  const { id = '' } = useParams();
  const record = useBillingPayment(id);
  return (
    <BillingRecordPage back={{ to: '/billing/payments', label: 'Payments' }} title="Payment" query={record}>
      {(payment) => <PaymentView payment={payment} />}
    </BillingRecordPage>
  );
}

const personName = (person: { name: string | null; email: string | null }) => person.name ?? person.email ?? 'Someone';

/** A refund of the payment: one Stripe made (or later failed), or a request Stripe refused. */
interface RefundLine {
  amount: number;
  currency: string;
  status: string | null;
  failureReason: string | null;
  reason: string | null;
  by: string;
  note: string | null;
  createdAt: string;
}

function RefundRow({ refund }: { refund: RefundLine }) {
  const format = useFormat();
  return (
    <Table.Tr data-testid="payment-refund">
      <Table.Td>{format.money(refund.amount, refund.currency)}</Table.Td>
      <Table.Td>
        <StatusBadge status={refund.status ?? 'unknown'} />
        {refund.failureReason && (
          <Text size="xs" c="red" data-testid="refund-failure">
            {refund.failureReason}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{refundReasonLabel(refund.reason)}</Table.Td>
      <Table.Td>{refund.by}</Table.Td>
      <Table.Td>
        <Text size="sm">{refund.note ?? '—'}</Text>
      </Table.Td>
      <Table.Td>{format.dateTime(refund.createdAt)}</Table.Td>
    </Table.Tr>
  );
}

function PaymentView({ payment }: { payment: BillingPaymentDetail }) {
  const { can } = useSession();
  const format = useFormat();
  const [refunding, setRefunding] = useState(false);
  const money = (amount: number) => format.money(amount, payment.currency);
  // The payment's own requests: those waiting for approval, and those Stripe refused (no refund was made of them).
  const requests = pagedRows(useRefundRequests({ status: ['pending_approval', 'failed'], paymentId: payment.id }));
  const waiting = requests.filter((request) => request.status === 'pending_approval');
  const refused = requests.filter((request) => request.status === 'failed');
  const held = waiting.reduce((sum, request) => sum + request.amount, 0);
  const customer: ReactNode = payment.customer ? (
    <Anchor component={Link} to={`/billing/customers/${payment.customer.id}`} size="sm">
      {payment.customer.name ?? payment.customer.email ?? 'Customer'}
    </Anchor>
  ) : (
    'None'
  );
  const invoice: ReactNode = payment.invoiceId ? (
    <Anchor component={Link} to={`/billing/invoices/${payment.invoiceId}`} size="sm">
      Open invoice
    </Anchor>
  ) : (
    (payment.invoiceStripeId ?? 'None (one-off)')
  );
  const facts: [string, ReactNode][] = [
    ['Customer', customer],
    ['Status', <StatusBadge status={payment.status} />],
    ['Invoice', invoice],
    ['Card', cardSummary(payment.card) ?? '—'],
    ['Description', payment.description ?? '—'],
    ['Created', format.dateTime(payment.createdAt)],
    ['Succeeded', format.dateTime(payment.succeededAt)],
    ['Stripe id', <Text ff="monospace" size="xs" span>{payment.stripeId}</Text>],
  ];
  const amounts: [string, ReactNode][] = [
    ['Amount', money(payment.amount)],
    ['Received', payment.amountReceived === null ? '—' : money(payment.amountReceived)],
    ['Refunded', money(payment.amountRefunded)],
    ['Refundable', <span data-testid="payment-refundable">{money(payment.refundable)}</span>],
    ['Awaiting approval', held === 0 ? '—' : money(held)],
  ];
  return (
    <>
      <PageHeader
        title={`Payment of ${money(payment.amount)}`}
        description="A payment as Stripe holds it. Refunds made here are sent to Stripe and recorded in the audit log."
        actions={
          can('billing.refunds:write') &&
          payment.status === 'succeeded' && (
            <Button color="red" variant="outline" onClick={() => setRefunding(true)} disabled={payment.refundable === 0}>
              Refund
            </Button>
          )
        }
      />
      <Stack>
        {payment.failureCode !== null && (
          <Alert color="orange" title="Payment failed" data-testid="payment-failure">
            {payment.failureMessage ?? 'Stripe gave no message.'} ({payment.failureCode})
          </Alert>
        )}
        {waiting.length > 0 && (
          <Alert color="yellow" data-testid="payment-refund-waiting">
            {waiting.length === 1 ? 'A refund' : `${waiting.length} refunds`} of {money(held)} {waiting.length === 1 ? 'awaits' : 'await'} a second staff member's approval (
            <Anchor component={Link} to="/billing/refund-requests" size="sm">
              Refund requests
            </Anchor>
            ).
          </Alert>
        )}
        <Paper withBorder p="md" data-testid="payment-facts">
          <FactGrid facts={facts} cols={3} />
        </Paper>
        <Paper withBorder p="md" data-testid="payment-amounts">
          <FactGrid facts={amounts} cols={5} />
        </Paper>
        <div>
          <Title order={2} size="h4" mb="xs">
            Refunds
          </Title>
          {payment.refunds.length === 0 && refused.length === 0 ? (
            <Text c="dimmed">No refunds.</Text>
          ) : (
            <ListTable minWidth={720} columns={['Amount', 'Status', 'Reason', 'By', 'Note', 'Created']}>
              {payment.refunds.map((refund) => (
                <RefundRow key={refund.id} refund={{ ...refund, by: refund.requestedBy ? personName(refund.requestedBy) : 'In Stripe' }} />
              ))}
              {refused.map((request) => (
                <RefundRow
                  key={request.id}
                  refund={{ ...request, status: 'failed', failureReason: `Refused by Stripe: ${request.failureReason ?? 'no reason given'}`, by: request.requestedBy ? personName(request.requestedBy) : '—' }}
                />
              ))}
            </ListTable>
          )}
        </div>
      </Stack>
      {refunding && <RefundModal payment={payment} onClose={() => setRefunding(false)} />}
    </>
  );
}
