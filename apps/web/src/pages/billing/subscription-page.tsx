import { Alert, Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useBillingSubscription, type BillingSubscription } from '../../api/billing-subscriptions';
import { useBillingInvoices } from '../../api/billing-invoices';
import { useSession } from '../../auth/use-session';
import { EmptyList } from '../../components/empty-list';
import { FactGrid } from '../../components/fact-grid';
import { ListTable } from '../../components/list-table';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';
import { BillingRecordPage } from './billing-record-page';
import { couponDiscount, discountPeriod } from './coupon-terms';
import { InvoiceTable } from './invoice-table';
import { SubscriptionActions } from './subscription-actions';
import { itemPrice, planSummary } from './subscription-plan';

export function SubscriptionPage() {
  const { id = '' } = useParams();
  const record = useBillingSubscription(id);
  return (
    <BillingRecordPage back={{ to: '/billing/subscriptions', label: 'Subscriptions' }} title="Subscription" query={record}>
      {(subscription) => <SubscriptionView subscription={subscription} />}
    </BillingRecordPage>
  );
}

const mono = (value: string) => (
  <Text ff="monospace" size="xs" span>
    {value}
  </Text>
);

function SubscriptionView({ subscription }: { subscription: BillingSubscription }) {
  const { can } = useSession();
  const format = useFormat();
  const customerName = subscription.customerName ?? subscription.customerEmail ?? subscription.customerStripeId ?? 'Unknown customer';
  const customer: ReactNode = subscription.customerId ? (
    <Anchor component={Link} to={`/billing/customers/${subscription.customerId}`} size="sm" data-testid="subscription-customer">
      {customerName}
    </Anchor>
  ) : (
    customerName
  );
  const facts: [string, ReactNode][] = [
    ['Customer', customer],
    ['Status', <StatusBadge status={subscription.status} />],
    ['MRR', subscription.mrr === 0 ? '—' : format.money(subscription.mrr, subscription.currency ?? undefined)],
    [
      'Discount',
      subscription.discounts.length
        ? subscription.discounts
            .map((d) => `${d.couponName ?? d.stripeId}: ${couponDiscount(d, format)}, ${discountPeriod(d, format)}`)
            .join('; ')
        : 'None',
    ],
    ['Current period ends', format.dateTime(subscription.currentPeriodEnd)],
    ['Trial ends', format.dateTime(subscription.trialEnd)],
    ['Canceled', format.dateTime(subscription.canceledAt)],
    ['Currency', subscription.currency ?? '—'],
    ['Started', format.dateTime(subscription.createdAt)],
    ['Stripe id', mono(subscription.stripeId)],
  ];
  return (
    <>
      <PageHeader
        title={`${planSummary(subscription)} · ${customerName}`}
        description="A subscription as Stripe bills it. Actions taken here are sent to Stripe and recorded in the audit log."
        actions={can('billing:write') && <SubscriptionActions subscription={subscription} />}
      />
      <Stack>
        {subscription.cancelAtPeriodEnd && subscription.status !== 'canceled' && (
          <Alert color="orange" title="Cancels at period end" data-testid="subscription-cancel-scheduled">
            It ends on {format.date(subscription.currentPeriodEnd)} unless the cancellation is undone.
          </Alert>
        )}
        {subscription.accessSuspendedAt && (
          <Alert color="red" title="Access suspended" data-testid="subscription-access-suspended">
            The last payment attempt failed on {format.date(subscription.accessSuspendedAt)}: the member's access is suspended (business dunning policy) until a payment of this subscription succeeds.
          </Alert>
        )}
        {subscription.paused && (
          <Alert color="gray" title="Payment collection paused" data-testid="subscription-paused">
            Stripe collects no payment until collection resumes.
          </Alert>
        )}
        <Paper withBorder p="md" data-testid="subscription-facts">
          <FactGrid facts={facts} cols={3} />
        </Paper>
        <div>
          <Title order={2} size="h4" mb="xs">
            Plan
          </Title>
          {subscription.items.length === 0 ? (
            <Text c="dimmed">Stripe sent no items for this subscription.</Text>
          ) : (
            <ListTable
              minWidth={560}
              columns={['Product', 'Price', 'Quantity', 'Stripe price']}
            >
              {subscription.items.map((item) => (
                <Table.Tr key={item.stripeId} data-testid="subscription-item">
                  <Table.Td>{item.productName ?? item.productId ?? '—'}</Table.Td>
                  <Table.Td>{itemPrice(item, format)}</Table.Td>
                  <Table.Td>{item.quantity ?? '—'}</Table.Td>
                  <Table.Td>{item.priceId ? mono(item.priceId) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </ListTable>
          )}
        </div>
        <SubscriptionInvoices subscriptionId={subscription.id} />
      </Stack>
    </>
  );
}

const NO_FILTER = { status: null, search: '' };

/** The subscription's invoices, newest first. */
function SubscriptionInvoices({ subscriptionId }: { subscriptionId: string }) {
  const invoices = useBillingInvoices({ ...NO_FILTER, subscriptionId });
  return (
    <div data-testid="subscription-invoices">
      <Title order={2} size="h4" mb="xs">
        Invoices
      </Title>
      <InvoiceTable query={invoices} empty={<EmptyList title="No invoices yet" description="Stripe makes one at each renewal and for each plan change billed at once." />} />
    </div>
  );
}
