import { Badge, Group, Table, Text } from '@mantine/core';
import { isStripeNotConfigured, useBillingCustomers, type BillingCustomer } from '../../api/billing';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { RelativeTime } from '../../components/relative-time';
import { useFormat } from '../../components/use-format';
import { StripeNotConfigured } from './stripe-not-configured';

export function CustomersPage() {
  const format = useFormat();
  const customers = useBillingCustomers();
  return (
    <>
      <PageHeader title="Customers" description="The people and companies who pay you, as Stripe knows them." />
      {isStripeNotConfigured(customers.error) ? (
        <StripeNotConfigured />
      ) : (
        <PagedTable
          query={customers}
          minWidth={820}
          empty={<EmptyList title="No customers yet" description="A customer appears here when someone buys from you or when one is added in Stripe." />}
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
            <Table.Tr key={customer.id} data-testid="customer-row">
              <Table.Td>{customer.name ?? '—'}</Table.Td>
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
      )}
    </>
  );
}

function CustomerStatus({ customer }: { customer: BillingCustomer }) {
  if (customer.deletedAt) return <Badge color="gray" variant="light">Deleted in Stripe</Badge>;
  return (
    <Group gap={4}>
      {customer.delinquent ? <Badge color="red" variant="light">Payment overdue</Badge> : <Badge color="green" variant="light">In good standing</Badge>}
    </Group>
  );
}
