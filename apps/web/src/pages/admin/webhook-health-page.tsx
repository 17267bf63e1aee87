import { Anchor, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useStripeWebhookHealth, type StripeWebhookHealth } from '../../api/stripe-events';
import { PageHeader } from '../../components/page-header';
import { QueryView } from '../../components/query-view';
import { RelativeTime } from '../../components/relative-time';
import { useFormat } from '../../components/use-format';
import { StatCard } from './stat-card';

export function WebhookHealthPage() {
  const health = useStripeWebhookHealth();
  return (
    <>
      <PageHeader
        title="Webhook health"
        description="Whether Stripe's events reach us and are processed in time, over the last 24 hours, for every business."
        actions={
          <Button variant="default" onClick={() => health.refetch()} loading={health.isFetching && !health.isPending}>
            Refresh
          </Button>
        }
      />
      <QueryView query={health}>{(data) => <HealthView health={data} />}</QueryView>
    </>
  );
}

function HealthView({ health }: { health: StripeWebhookHealth }) {
  const format = useFormat();
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <StatCard testId="webhook-received" label="Received (24 h)" value={health.received24h} />
        <StatCard testId="webhook-processed" label="Processed (24 h)" value={health.processed24h} />
        <StatCard testId="webhook-failed" label="Failed (24 h)" value={health.failed24h} alert={health.failed24h > 0} hint="Retrying, or dead letters to replay" />
        <StatCard testId="webhook-ignored" label="Ignored (24 h)" value={health.ignored24h} hint="No handler for the type, or no business owns it" />
        <StatCard
          testId="webhook-waiting"
          label="Waiting now"
          value={health.unprocessed}
          alert={health.unprocessed > 0 && (health.oldestUnprocessedAgeSeconds ?? 0) > 300}
          hint={health.oldestUnprocessedAgeSeconds === null ? 'Nothing waits' : `Oldest waiting for ${format.duration(health.oldestUnprocessedAgeSeconds)}`}
        />
        <StatCard
          testId="webhook-dead-lettered"
          label="Dead letters"
          value={health.deadLettered}
          alert={health.deadLettered > 0}
          hint={health.deadLettered > 0 ? 'Attempts exhausted: replay or discard them under Dead letters' : 'None waits for staff'}
        />
        <StatCard testId="webhook-lag" label="Processing lag (median)" value={format.duration(health.lagP50Seconds)} hint="From receipt to processed, last 24 h" />
        <StatCard testId="webhook-lag-max" label="Processing lag (longest)" value={format.duration(health.lagMaxSeconds)} />
        <StatCard testId="webhook-last-event" label="Last event received" value={<RelativeTime value={health.lastReceivedAt} empty="None yet" />} hint={health.lastReceivedAt ? format.dateTime(health.lastReceivedAt) : undefined} />
      </SimpleGrid>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          As of {format.dateTime(health.asOf)}.
        </Text>
        <Anchor component={Link} to="/admin/billing/stripe-events" size="sm">
          Open the Stripe events (filter by status there)
        </Anchor>
      </Group>
    </Stack>
  );
}
