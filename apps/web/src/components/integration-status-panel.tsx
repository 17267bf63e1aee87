import { Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { IntegrationStatus } from '../api/integrations';
import { QueryView } from './query-view';
import { RelativeTime } from './relative-time';

function Check({ ok, label, idle = false }: { ok: boolean; label: string; idle?: boolean }) {
  return (
    <Badge color={ok ? 'green' : idle ? 'gray' : 'red'} variant="light">
      {label}
    </Badge>
  );
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" ta="right">
        {children}
      </Text>
    </Group>
  );
}

function ServiceCard({ name, check }: { name: string; check: IntegrationStatus['redis'] }) {
  return (
    <Card withBorder data-testid={`integration-${name.toLowerCase()}`}>
      <Stack gap={6}>
        <Group justify="space-between">
          <Title order={3} size="h5">{name}</Title>
          <Check ok={check.ok} label={check.ok ? 'ok' : 'down'} />
        </Group>
        <Line label="Latency">{check.latencyMs} ms</Line>
        {check.error && (
          <Text size="xs" c="red">
            {check.error}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** Stripe, email transport, Redis and database health as the server reports it (never any key). */
export function IntegrationStatusPanel({ query }: { query: UseQueryResult<IntegrationStatus> }) {
  return (
    <Paper withBorder p="lg" data-testid="integration-status">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">Integrations</Title>
        <Button size="xs" variant="subtle" loading={query.isFetching} onClick={() => query.refetch()}>
          Check again
        </Button>
      </Group>
      <QueryView query={query}>{(status) => <IntegrationCards status={status} />}</QueryView>
    </Paper>
  );
}

function IntegrationCards({ status }: { status: IntegrationStatus }) {
  const { stripe, email } = status;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder data-testid="integration-stripe">
          <Stack gap={6}>
            <Group justify="space-between">
              <Title order={3} size="h5">Stripe</Title>
              <Check ok={stripe.configured} idle label={stripe.configured ? 'configured' : 'not configured'} />
            </Group>
            <Line label="Mode">{stripe.configured ? (stripe.testMode ? 'test' : 'live') : '—'}</Line>
            <Line label="Webhook secret">{stripe.webhookSecretConfigured ? 'set' : 'missing'}</Line>
            <Line label="Last webhook"><RelativeTime value={stripe.lastWebhookAt} empty="never" /></Line>
            <Line label="Last sync"><RelativeTime value={stripe.lastSyncAt} empty="never" /></Line>
          </Stack>
        </Card>
        <Card withBorder data-testid="integration-email">
          <Stack gap={6}>
            <Group justify="space-between">
              <Title order={3} size="h5">Email</Title>
              <Badge variant="light">{email.kind}</Badge>
            </Group>
            {email.kind === 'smtp' ? (
              <Line label="Server">
                {email.host}:{email.port}
              </Line>
            ) : (
              <Line label="Folder">{email.directory}</Line>
            )}
            <Line label="Last sent"><RelativeTime value={email.lastSentAt} empty="never" /></Line>
            <Line label="Failures (24 h)">
              <Text span c={email.failuresLast24h > 0 ? 'red' : undefined} size="sm">
                {email.failuresLast24h}
              </Text>
            </Line>
          </Stack>
        </Card>
        <ServiceCard name="Database" check={status.database} />
        <ServiceCard name="Redis" check={status.redis} />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        Checked <RelativeTime value={status.checkedAt} />
      </Text>
    </Stack>
  );
}
