import { Badge, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import type { UsageLine } from '@app/api-client';
import { useUsage } from '../../api/usage';
import { ErrorState } from '../../components/error-state';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { useFormat } from '../../components/use-format';
import { PlanOffers } from './plan-offers';

function share(line: UsageLine): number | null {
  if (line.used === null || line.limit === null) return null;
  if (line.limit === 0) return line.used > 0 ? 100 : 0;
  return Math.min(100, (line.used / line.limit) * 100);
}

function UsageCard({ line }: { line: UsageLine }) {
  const percent = share(line);
  const color = percent === null ? 'blue' : percent >= 100 ? 'red' : percent >= 80 ? 'orange' : 'blue';
  const used = line.used === null ? 'Not tracked yet' : line.used.toLocaleString();
  const limit = line.limit === null ? 'Unlimited' : line.limit.toLocaleString();
  return (
    <Paper withBorder p="md" data-testid={`usage-${line.metric}`}>
      <Stack gap="xs">
        <Text fw={600}>{line.label}</Text>
        <Group justify="space-between">
          <Text size="sm">{line.used === null ? used : `${used} used`}</Text>
          <Text size="sm" c="dimmed">
            {line.limit === null ? limit : `of ${limit}`}
          </Text>
        </Group>
        <Progress
          value={percent ?? 0}
          color={color}
          striped={percent === null}
          aria-label={`${line.label}: ${used} of ${limit}`}
        />
      </Stack>
    </Paper>
  );
}

export function UsagePage() {
  const format = useFormat();
  const usage = useUsage();
  return (
    <>
      <PageHeader title="Usage" description="What this organization uses against its plan's limits." />
      {usage.isPending && <LoadingState />}
      {usage.isError && <ErrorState error={usage.error} onRetry={() => usage.refetch()} />}
      {usage.isSuccess && (
        <Stack>
          <Group gap="sm">
            <Text>Plan</Text>
            <Badge size="lg" tt="capitalize" data-testid="usage-plan">
              {usage.data.plan}
            </Badge>
            <Text c="dimmed" size="sm">
              Period from {format.day(usage.data.periodStart)}, resets on {format.day(usage.data.periodEnd)}
            </Text>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {usage.data.limits.map((line) => (
              <UsageCard key={line.metric} line={line} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
      {usage.isSuccess && <PlanOffers />}
    </>
  );
}
