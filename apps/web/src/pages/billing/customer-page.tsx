import { Alert, Anchor, Button, Paper, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useBillingCustomer, type BillingCustomerDetail } from '../../api/billing';
import { useSession } from '../../auth/use-session';
import { FactGrid } from '../../components/fact-grid';
import { PageHeader } from '../../components/page-header';
import { useFormat } from '../../components/use-format';
import { BillingRecordPage } from './billing-record-page';
import { CustomerCredits } from './customer-credits';
import { CustomerEditModal } from './customer-edit-modal';
import { CustomerStatus } from './customer-status';
import { CustomerTimeline } from './customer-timeline';

const mono = (value: string) => (
  <Text ff="monospace" size="xs" span>
    {value}
  </Text>
);

export function CustomerPage() {
  const { id = '' } = useParams();
  const record = useBillingCustomer(id);
  return (
    <BillingRecordPage back={{ to: '/billing/customers', label: 'Customers' }} title="Customer" query={record}>
      {(customer) => <CustomerView customer={customer} />}
    </BillingRecordPage>
  );
}

function CustomerView({ customer }: { customer: BillingCustomerDetail }) {
  const { can } = useSession();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  // Stripe refuses changes to a deleted customer, and so does the API.
  const canEdit = can('billing:write') && !customer.deleted;
  const member: ReactNode = customer.member ? (
    can('members:read') ? (
      <Anchor component={Link} to={`/members?q=${encodeURIComponent(customer.member.email)}`} size="sm" data-testid="customer-member">
        {customer.member.name ?? customer.member.email}
      </Anchor>
    ) : (
      <span data-testid="customer-member">{customer.member.name ?? customer.member.email}</span>
    )
  ) : (
    'Not linked to a member'
  );
  const facts: [string, ReactNode][] = [
    ['Name', customer.name ?? '—'],
    ['Email', customer.email ?? '—'],
    ['Status', <CustomerStatus customer={customer} />],
    ['Balance', customer.balance === 0 ? '—' : format.money(customer.balance, customer.currency ?? undefined)],
    ['Currency', customer.currency ?? '—'],
    ['Member', member],
    ['Stripe id', mono(customer.stripeId)],
    ['Stripe account', customer.stripeAccount ? mono(customer.stripeAccount) : 'The platform account'],
    ['Customer since', format.dateTime(customer.createdAt)],
    ['Last changed in Stripe', format.dateTime(customer.stripeUpdatedAt)],
    ...(customer.deletedAt ? ([['Deleted in Stripe', format.dateTime(customer.deletedAt)]] as [string, ReactNode][]) : []),
  ];
  return (
    <>
      <PageHeader
        title={customer.name ?? customer.email ?? 'Customer'}
        description="A customer as Stripe knows them. Changes made here are sent to Stripe."
        actions={canEdit && <Button onClick={() => setEditing(true)}>Edit customer</Button>}
      />
      <Stack>
        {customer.deleted && (
          <Alert color="gray" title="Deleted in Stripe" data-testid="customer-deleted">
            This customer was deleted in Stripe. It stays here for the record and can no longer be changed.
          </Alert>
        )}
        <Paper withBorder p="md" data-testid="customer-facts">
          <FactGrid facts={facts} cols={3} />
        </Paper>
        <CustomerCredits customer={customer} />
        <CustomerTimeline customerId={customer.id} />
      </Stack>
      {editing && <CustomerEditModal customer={customer} onClose={() => setEditing(false)} />}
    </>
  );
}
