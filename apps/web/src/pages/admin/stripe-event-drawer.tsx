import { Alert, Button, Drawer, Group, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useReplayStripeEvent, useStripeEvent, type StripeEvent } from '../../api/stripe-events';
import { CodeBlock } from '../../components/code-block';
import { ConfirmMutationModal } from '../../components/confirm-mutation-modal';
import { FactGrid } from '../../components/fact-grid';
import type { Format } from '../../components/format';
import { QueryView } from '../../components/query-view';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';
import { TenantRef } from './tenant-ref';

const mono = (value: string | null) => (value ? <Text ff="monospace" size="xs">{value}</Text> : '—');

interface Props {
  id: string | null;
  canReplay: boolean;
  onClose: () => void;
}

export function StripeEventDrawer({ id, canReplay, onClose }: Props) {
  const format = useFormat();
  const event = useStripeEvent(id);
  const replay = useReplayStripeEvent();
  const [replaying, setReplaying] = useState<StripeEvent | null>(null);
  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size="xl" title="Stripe event">
      <QueryView query={event}>
        {(detail) => (
          <Stack data-testid="stripe-event-detail">
            <FactGrid facts={facts(detail, format)} />
            {canReplay && (
              <Group>
                <Button onClick={() => setReplaying(detail)} disabled={detail.status === 'received'}>
                  Replay
                </Button>
                {detail.status === 'received' && (
                  <Text size="sm" c="dimmed">
                    Waiting to be processed.
                  </Text>
                )}
              </Group>
            )}
            {detail.lastError && (
              <Alert color="red" title={`Last error (attempt ${detail.attempts})`} data-testid="stripe-event-error">
                <Text size="sm" style={{ wordBreak: 'break-word' }}>
                  {detail.lastError}
                </Text>
              </Alert>
            )}
            <Title order={3} size="h5">
              Payload
            </Title>
            <CodeBlock value={JSON.stringify(detail.payload)} maxHeight={480} testId="stripe-event-payload" />
          </Stack>
        )}
      </QueryView>
      <ConfirmMutationModal
        target={replaying}
        mutation={replay}
        variables={(target) => target.id}
        title="Replay Stripe event"
        message={(target) =>
          `Process ${target.type} (${target.stripeEventId}) again? Processing is idempotent and never applies state older than what we hold, so a replay is safe.`
        }
        confirmLabel="Replay"
        success={(target) => `${target.type} queued for processing again.`}
        danger={false}
        onClose={() => setReplaying(null)}
      />
    </Drawer>
  );
}

function facts(event: StripeEvent, format: Format): [string, ReactNode][] {
  return [
    ['Status', <StatusBadge status={event.status} />],
    ['Type', mono(event.type)],
    ['Stripe event', mono(event.stripeEventId)],
    ['Account', event.account ? mono(event.account) : 'Platform'],
    ['Tenant', <TenantRef tenantId={event.tenantId} tenantName={null} />],
    ['Mode', event.livemode ? 'Live' : 'Test'],
    ['Created by Stripe', format.dateTime(event.created)],
    ['Received', format.dateTime(event.receivedAt)],
    ['Processed', event.processedAt ? format.dateTime(event.processedAt) : '—'],
    ['Attempts', event.attempts],
  ];
}
