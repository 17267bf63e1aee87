import { Alert, Button, Drawer, Group, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useDeadLetter, useReplayDeadLetter, type DeadLetter } from '../../api/dead-letters';
import { CodeBlock } from '../../components/code-block';
import { ConfirmMutationModal } from '../../components/confirm-mutation-modal';
import { FactGrid } from '../../components/fact-grid';
import { QueryView } from '../../components/query-view';
import { StatusBadge } from '../../components/status-badge';
import { DiscardDeadLetterModal } from './discard-dead-letter-modal';
import { TenantRef } from './tenant-ref';
import type { Format } from '../../components/format';
import { useFormat } from '../../components/use-format';

const mono = (value: string | null) => (value ? <Text ff="monospace" size="xs">{value}</Text> : '—');

interface Props {
  id: string | null;
  canWrite: boolean;
  onClose: () => void;
}

export function DeadLetterDrawer({ id, canWrite, onClose }: Props) {
  const format = useFormat();
  const deadLetter = useDeadLetter(id);
  const replay = useReplayDeadLetter();
  const [replaying, setReplaying] = useState<DeadLetter | null>(null);
  const [discarding, setDiscarding] = useState<DeadLetter | null>(null);
  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size="xl" title="Dead letter">
      <QueryView query={deadLetter}>
        {(detail) => (
          <Stack data-testid="dead-letter-detail">
            <FactGrid facts={facts(detail, format)} />
            {canWrite && detail.status === 'open' && (
              <Group>
                <Button onClick={() => setReplaying(detail)}>Replay</Button>
                <Button variant="light" color="red" onClick={() => setDiscarding(detail)}>
                  Discard
                </Button>
              </Group>
            )}
            {detail.status !== 'open' && <Resolution deadLetter={detail} />}
            <Alert color="red" title={`Last error (attempt ${detail.attempts})`}>
              <Text size="sm" style={{ wordBreak: 'break-word' }}>
                {detail.error}
              </Text>
            </Alert>
            <Title order={3} size="h5">Payload</Title>
            <CodeBlock value={JSON.stringify(detail.payload)} testId="dead-letter-payload" />
            <Title order={3} size="h5">Stack</Title>
            <CodeBlock value={detail.stack} maxHeight={320} testId="dead-letter-stack" />
          </Stack>
        )}
      </QueryView>
      <ConfirmMutationModal
        target={replaying}
        mutation={replay}
        variables={(target) => target.id}
        title="Replay dead letter"
        message={(target) => `Queue ${target.jobName} again with the same payload?`}
        confirmLabel="Replay"
        success={(target) => `${target.jobName} queued again.`}
        danger={false}
        onClose={() => setReplaying(null)}
      />
      {discarding && <DiscardDeadLetterModal deadLetter={discarding} onClose={() => setDiscarding(null)} />}
    </Drawer>
  );
}

function facts(deadLetter: DeadLetter, format: Format): [string, ReactNode][] {
  return [
    ['Status', <StatusBadge status={deadLetter.status} />],
    ['Failed at', format.dateTime(deadLetter.failedAt)],
    ['Queue', deadLetter.queue],
    ['Job', mono(deadLetter.jobName)],
    ['Job id', mono(deadLetter.jobId)],
    ['Tenant', <TenantRef tenantId={deadLetter.tenantId} tenantName={deadLetter.tenantName} />],
    ['Attempts', deadLetter.attempts],
  ];
}

function Resolution({ deadLetter }: { deadLetter: DeadLetter }) {
  const format = useFormat();
  const resolution: [string, ReactNode][] = [
    [deadLetter.status === 'replayed' ? 'Replayed at' : 'Discarded at', format.dateTime(deadLetter.resolvedAt)],
    ['By', deadLetter.resolvedByEmail ?? mono(deadLetter.resolvedBy)],
  ];
  if (deadLetter.status === 'discarded') resolution.push(['Reason', <span data-testid="dead-letter-reason">{deadLetter.resolutionReason ?? '—'}</span>]);
  if (deadLetter.status === 'replayed') resolution.push(['Replayed as job', mono(deadLetter.replayedJobId)]);
  return (
    <Stack gap="xs" data-testid="dead-letter-resolution">
      <Title order={3} size="h5">Resolution</Title>
      <FactGrid facts={resolution} />
    </Stack>
  );
}
