import { Anchor, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useCustomerTimeline, type TimelineEntry } from '../../api/billing-credits';
import { EmptyList } from '../../components/empty-list';
import { PagedTable } from '../../components/paged-table';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';

const KIND_LABELS: Record<string, string> = {
  payment: 'Payment',
  refund: 'Refund',
  invoice: 'Invoice',
  dispute: 'Dispute',
  subscription_started: 'Subscription started',
  subscription_ended: 'Subscription ended',
  staff_action: 'Staff action',
};

/** Entries whose row has its own page (the entry's id is that row's). */
const RECORD_PAGES: Record<string, string> = { payment: '/billing/payments', invoice: '/billing/invoices' };

/** Staff actions by their audit name, in words. */
const ACTION_LABELS: Record<string, string> = {
  'customer.balance_adjusted': 'Credit balance adjusted',
  'subscription.cancel_scheduled': 'Cancellation scheduled',
  'subscription.canceled': 'Subscription canceled',
  'subscription.cancel_undone': 'Cancellation undone',
  'subscription.paused': 'Collection paused',
  'subscription.resumed': 'Collection resumed',
  'subscription.extended': 'Subscription extended',
  'subscription.plan_changed': 'Plan changed',
  'subscription.coupon_applied': 'Coupon applied',
  'subscription.coupon_removed': 'Coupon removed',
};

function EntryDetail({ entry }: { entry: TimelineEntry }) {
  const detail = entry.kind === 'staff_action' && entry.detail ? (ACTION_LABELS[entry.detail] ?? entry.detail) : entry.detail;
  return (
    <>
      <Text size="sm">{detail ?? '—'}</Text>
      {entry.actorEmail && (
        <Text size="xs" c="dimmed">
          by {entry.actorEmail}
        </Text>
      )}
      {entry.subscriptionId && (
        <Anchor component={Link} to={`/billing/subscriptions/${entry.subscriptionId}`} size="xs">
          Its subscription
        </Anchor>
      )}
    </>
  );
}

/** Everything that happened to the customer's money, newest first, page by page. */
export function CustomerTimeline({ customerId }: { customerId: string }) {
  const format = useFormat();
  const timeline = useCustomerTimeline(customerId);
  return (
    <section aria-labelledby="customer-timeline">
      <Title order={2} size="h4" mb="xs" id="customer-timeline">
        Timeline
      </Title>
      <PagedTable
        query={timeline}
        minWidth={760}
        empty={<EmptyList title="Nothing happened yet" description="Payments, refunds, invoices, disputes, subscription changes and staff actions appear here." />}
        head={
          <>
            <Table.Th>When</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>Amount</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Detail</Table.Th>
          </>
        }
        row={(entry: TimelineEntry) => (
          <Table.Tr key={`${entry.kind}:${entry.id}`} data-testid="timeline-entry">
            <Table.Td>{format.dateTime(entry.at)}</Table.Td>
            <Table.Td>
              {RECORD_PAGES[entry.kind] ? (
                <Anchor component={Link} to={`${RECORD_PAGES[entry.kind]}/${entry.id}`} size="sm">
                  {KIND_LABELS[entry.kind]}
                </Anchor>
              ) : (
                (KIND_LABELS[entry.kind] ?? entry.kind)
              )}
            </Table.Td>
            <Table.Td>{entry.amount === null ? '—' : format.money(entry.amount, entry.currency ?? undefined)}</Table.Td>
            <Table.Td>{entry.status ? <StatusBadge status={entry.status} /> : '—'}</Table.Td>
            <Table.Td>
              <EntryDetail entry={entry} />
            </Table.Td>
          </Table.Tr>
        )}
      />
    </section>
  );
}
