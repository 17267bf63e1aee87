import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isStripeNotConfigured } from '../../api/billing';
import { useBillingSubscriptions, type BillingSubscription } from '../../api/billing-subscriptions';
import type { BulkSubscriptionAction } from '../../api/billing-bulk';
import { useSession } from '../../auth/use-session';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { PagedTable, pagedRows } from '../../components/paged-table';
import { SelectionBar } from '../../components/selection-bar';
import { SelectAllHeader, SelectRowCell } from '../../components/selection-cells';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';
import { useRowSelection } from '../../components/use-row-selection';
import { useUrlFilters } from '../../components/use-url-filters';
import { BulkSubscriptionsModal } from './bulk-subscriptions-modal';
import { StripeNotConfigured } from './stripe-not-configured';
import { isFiltered, parseSubscriptionFilters, serializeSubscriptionFilters } from './subscription-filters';
import { SubscriptionFiltersBar } from './subscription-filters-bar';
import { itemPrice, planSummary } from './subscription-plan';
import { SubscriptionStatsCards } from './subscription-stats';

export function SubscriptionsPage() {
  const format = useFormat();
  const navigate = useNavigate();
  const [filters, setFilters] = useUrlFilters(parseSubscriptionFilters, serializeSubscriptionFilters);
  const subscriptions = useBillingSubscriptions(filters);
  const stats = subscriptions.data?.pages[0]?.stats;
  const filtered = isFiltered(filters);
  const { can } = useSession();
  const canWrite = can('billing:write');
  const selection = useRowSelection();
  const [bulkAction, setBulkAction] = useState<BulkSubscriptionAction | null>(null);
  const rows = pagedRows(subscriptions);
  const nameOf = (s: BillingSubscription) => s.customerName ?? s.customerEmail ?? s.customerStripeId ?? s.stripeId;
  // The selected rows' names for the results; a row no longer on screen is named by its id.
  const labels = new Map([...selection.selected].map((id) => {
    const row = rows.find((s) => s.id === id);
    return [id, row ? nameOf(row) : id] as const;
  }));
  const closeBulk = () => {
    setBulkAction(null);
    selection.clear();
  };
  return (
    <>
      <PageHeader title="Subscriptions" description="Recurring plans of your customers, as Stripe bills them, with their monthly recurring revenue." />
      {isStripeNotConfigured(subscriptions.error) ? (
        <StripeNotConfigured />
      ) : (
        <>
          <SubscriptionFiltersBar
            filters={filters}
            onChange={(next) => {
              setFilters(next);
              selection.clear();
            }}
          />
          {stats && <SubscriptionStatsCards stats={stats} />}
          {canWrite && (
            <SelectionBar count={selection.selected.size} onClear={selection.clear}>
              <Button size="xs" variant="light" color="red" onClick={() => setBulkAction('cancel_at_period_end')}>
                Cancel at period end
              </Button>
              <Button size="xs" variant="light" onClick={() => setBulkAction('apply_coupon')}>
                Apply coupon
              </Button>
              <Button size="xs" variant="light" onClick={() => setBulkAction('extend')}>
                Extend
              </Button>
            </SelectionBar>
          )}
          <PagedTable
            query={subscriptions}
            minWidth={900}
            empty={
              filtered ? (
                <EmptyList title="No subscription matches these filters" description="Try another status, interval, date range or customer." />
              ) : (
                <EmptyList title="No subscriptions yet" description="A subscription appears here when a customer subscribes to a recurring price." />
              )
            }
            head={
              <>
                {canWrite && <SelectAllHeader selection={selection} ids={rows.map((s) => s.id)} label="Select all subscriptions" />}
                <Table.Th>Customer</Table.Th>
                <Table.Th>Plan</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>MRR</Table.Th>
                <Table.Th>Renews</Table.Th>
                <Table.Th>Since</Table.Th>
              </>
            }
            row={(subscription: BillingSubscription) => (
              <Table.Tr
                key={subscription.id}
                data-testid="subscription-row"
                style={{ cursor: 'pointer' }}
                onClick={() => navigate(`/billing/subscriptions/${subscription.id}`)}
              >
                {canWrite && <SelectRowCell selection={selection} id={subscription.id} label={`Select ${nameOf(subscription)}`} />}
                <Table.Td>
                  {/* The row opens on a click; the link is the way there for the keyboard and screen readers. */}
                  <Anchor component={Link} to={`/billing/subscriptions/${subscription.id}`} size="sm" onClick={(e) => e.stopPropagation()}>
                    {nameOf(subscription)}
                  </Anchor>
                  {subscription.customerName && subscription.customerEmail && (
                    <Text size="xs" c="dimmed">
                      {subscription.customerEmail}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{planSummary(subscription)}</Text>
                  {subscription.items[0] && (
                    <Text size="xs" c="dimmed">
                      {itemPrice(subscription.items[0], format)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <StatusBadge status={subscription.status} />
                    {subscription.cancelAtPeriodEnd && (
                      <Badge color="orange" variant="outline" size="sm">
                        Cancels at period end
                      </Badge>
                    )}
                    {subscription.paused && (
                      <Badge color="gray" variant="outline" size="sm">
                        Collection paused
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{subscription.mrr === 0 ? '—' : format.money(subscription.mrr, subscription.currency ?? undefined)}</Table.Td>
                <Table.Td>{format.date(subscription.currentPeriodEnd)}</Table.Td>
                <Table.Td>{format.date(subscription.createdAt)}</Table.Td>
              </Table.Tr>
            )}
          />
          {bulkAction && <BulkSubscriptionsModal action={bulkAction} labels={labels} onClose={closeBulk} />}
        </>
      )}
    </>
  );
}
