import { Anchor, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isStripeNotConfigured, useBillingCustomers, type BillingCustomer } from '../../api/billing';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { RelativeTime } from '../../components/relative-time';
import { useFormat } from '../../components/use-format';
import { CustomerStatus } from './customer-status';
import { StripeNotConfigured } from './stripe-not-configured';

/** The API's bound on the search (CustomerQueryDto). */
const SEARCH_MAX = 200;

export function CustomersPage() {
  const format = useFormat();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  // Typing waits for a pause before asking.
  const [typed] = useDebouncedValue(search.trim(), 300);
  const customers = useBillingCustomers(typed);
  return (
    <>
      <PageHeader title="Customers" description="The people and companies who pay you, as Stripe knows them." />
      {isStripeNotConfigured(customers.error) ? (
        <StripeNotConfigured />
      ) : (
        <>
          <TextInput
            mb="md"
            w={320}
            placeholder="Search by name or email"
            aria-label="Search customers"
            maxLength={SEARCH_MAX}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
          <PagedTable
            query={customers}
            minWidth={820}
            empty={
              typed ? (
                <EmptyList title="No customer matches this search" description="Try part of the name or the email." />
              ) : (
                <EmptyList title="No customers yet" description="A customer appears here when someone buys from you or when one is added in Stripe." />
              )
            }
            head={
              <>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Balance</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Customer since</Table.Th>
                <Table.Th>Stripe id</Table.Th>
              </>
            }
            row={(customer: BillingCustomer) => (
              <Table.Tr key={customer.id} data-testid="customer-row" style={{ cursor: 'pointer' }} onClick={() => navigate(`/billing/customers/${customer.id}`)}>
                <Table.Td>
                  {/* The row opens on a click; the link is the way there for the keyboard and screen readers. */}
                  <Anchor component={Link} to={`/billing/customers/${customer.id}`} size="sm" onClick={(e) => e.stopPropagation()}>
                    {customer.name ?? customer.email ?? customer.stripeId}
                  </Anchor>
                </Table.Td>
                <Table.Td>{customer.email ?? '—'}</Table.Td>
                <Table.Td title={customer.balance < 0 ? 'Credit the customer has with you' : undefined}>
                  {customer.balance === 0 ? '—' : format.money(customer.balance, customer.currency ?? undefined)}
                </Table.Td>
                <Table.Td>
                  <CustomerStatus customer={customer} />
                </Table.Td>
                <Table.Td>
                  <RelativeTime value={customer.createdAt} />
                </Table.Td>
                <Table.Td>
                  <Text ff="monospace" size="xs">
                    {customer.stripeId}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          />
        </>
      )}
    </>
  );
}
