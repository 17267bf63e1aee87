import { Stack, Table, Text, Title } from '@mantine/core';
import { isStripeNotConfigured } from '../../api/billing';
import { useMemberBilling, useMemberInvoiceLinks, type MemberBilling, type MemberInvoice } from '../../api/member-billing';
import { useSession } from '../../auth/use-session';
import { EmptyList } from '../../components/empty-list';
import { ErrorState } from '../../components/error-state';
import { HostedPageButton } from '../../components/hosted-page-button';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';
import { MemberSubscriptionCard } from './member-subscription-card';

/** "My billing": the signed-in member's own subscriptions and invoices, for every member of the business. */
export function MemberBillingPage() {
  const { activeTenant } = useSession();
  const billing = useMemberBilling();
  return (
    <>
      <PageHeader title="My billing" description={`Your subscription${activeTenant ? ` with ${activeTenant.name}` : ''}, your payment method and your invoices.`} />
      {billing.isPending && <LoadingState />}
      {billing.isError &&
        (isStripeNotConfigured(billing.error) ? (
          <EmptyList title="No paid memberships here" description="This business does not take payments through the back office." />
        ) : (
          <ErrorState error={billing.error} onRetry={() => billing.refetch()} />
        ))}
      {billing.isSuccess && <MembershipView billing={billing.data} />}
    </>
  );
}

function MembershipView({ billing }: { billing: MemberBilling }) {
  const { entitlements } = billing;
  return (
    <Stack gap="xl">
      {billing.subscriptions.length === 0 ? (
        <EmptyList
          title="You have no subscription"
          description={entitlements.lifetime ? 'Your one-off purchase gives you access with no end date.' : 'When you subscribe to a plan of this business, it shows here with its renewal date and invoices.'}
        />
      ) : (
        <Stack>
          {billing.subscriptions.map((subscription) => (
            <MemberSubscriptionCard key={subscription.id} subscription={subscription} />
          ))}
        </Stack>
      )}
      {entitlements.features.length > 0 && (
        <Text size="sm" data-testid="member-features">
          Included: {entitlements.features.join(', ')}
        </Text>
      )}
      <div>
        <Title order={2} size="h4" mb="xs">
          Invoices
        </Title>
        {billing.invoices.length === 0 ? <Text c="dimmed">No invoices yet.</Text> : <MemberInvoices invoices={billing.invoices} />}
      </div>
    </Stack>
  );
}

function MemberInvoices({ invoices }: { invoices: MemberInvoice[] }) {
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Invoice</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th>Amount</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th aria-label="Actions" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoices.map((invoice) => (
            <Table.Tr key={invoice.id} data-testid="member-invoice-row">
              <Table.Td>{invoice.number ?? '—'}</Table.Td>
              <Table.Td>{format.date(invoice.stripeCreatedAt ?? invoice.createdAt)}</Table.Td>
              <Table.Td>{format.money(invoice.total ?? invoice.amountDue, invoice.currency)}</Table.Td>
              <Table.Td>
                <StatusBadge status={invoice.status ?? 'unknown'} />
              </Table.Td>
              <Table.Td>
                <InvoiceLink invoiceId={invoice.id} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function InvoiceLink({ invoiceId }: { invoiceId: string }) {
  const links = useMemberInvoiceLinks();
  return <HostedPageButton invoiceId={invoiceId} links={links} label="Open" size="xs" />;
}
