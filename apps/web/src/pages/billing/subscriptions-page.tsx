import { Anchor, Badge, Group, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { isStripeNotConfigured } from '../../api/billing';
import { useBillingSubscriptions, type BillingSubscription } from '../../api/billing-subscriptions';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';
import { useUrlFilters } from '../../components/use-url-filters';
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
  return (
    <>
      <PageHeader title="Subscriptions" description="Recurring plans of your customers, as Stripe bills them, with their monthly recurring revenue." />
      {isStripeNotConfigured(subscriptions.error) ? (
        <StripeNotConfigured />
      ) : (
        <>
          <SubscriptionFiltersBar filters={filters} onChange={setFilters} />
          {stats && <SubscriptionStatsCards stats={stats} />}
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
                <Table.Td>
                  {/* The row opens on a click; the link is the way there for the keyboard and screen readers. */}
                  <Anchor component={Link} to={`/billing/subscriptions/${subscription.id}`} size="sm" onClick={(e) => e.stopPropagation()}>
                    {subscription.customerName ?? subscription.customerEmail ?? subscription.customerStripeId ?? subscription.stripeId}
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
        </>
      )}
    </>
  );
}
