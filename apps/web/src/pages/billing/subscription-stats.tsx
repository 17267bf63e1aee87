import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { SubscriptionStats } from '../../api/billing-subscriptions';
import { useFormat } from '../../components/use-format';

/** Counts and MRR of every subscription the filter matches (all pages, not only those loaded). */
export function SubscriptionStatsCards({ stats }: { stats: SubscriptionStats }) {
  const format = useFormat();
  const counts: [label: string, value: number][] = [
    ['Total', stats.total],
    ['Active', stats.active],
    ['Trialing', stats.trialing],
    ['Past due', stats.pastDue],
    ['Canceled', stats.canceled],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} mb="md" data-testid="subscription-stats">
      {counts.map(([label, value]) => (
        <Paper withBorder p="sm" key={label} data-testid={`stat-${label.toLowerCase().replace(' ', '-')}`}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text fw={600} size="lg">
            {value}
          </Text>
        </Paper>
      ))}
      <Paper withBorder p="sm" data-testid="stat-mrr">
        <Text size="xs" c="dimmed">
          MRR
        </Text>
        {stats.mrr.length === 0 ? (
          <Text fw={600} size="lg">
            —
          </Text>
        ) : (
          // One line per currency: amounts in different currencies are never added up.
          stats.mrr.map((line) => (
            <Text fw={600} size="lg" key={line.currency}>
              {format.money(line.amount, line.currency)}
            </Text>
          ))
        )}
      </Paper>
    </SimpleGrid>
  );
}
