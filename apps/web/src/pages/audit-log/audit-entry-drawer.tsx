import { Badge, Code, Drawer, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AuditLog } from '@app/api-client';
import { AuditActor } from './audit-actor';
import { AuditDiff } from './audit-diff';
import { useFormat } from '../../components/use-format';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ wordBreak: 'break-word' }}>
        {children}
      </Text>
    </div>
  );
}

export function AuditEntryDrawer({ entry, onClose }: { entry: AuditLog | null; onClose: () => void }) {
  const format = useFormat();
  return (
    <Drawer opened={entry !== null} onClose={onClose} position="right" size="xl" title={entry ? <Code fz="md">{entry.action}</Code> : null}>
      {entry && (
        <Stack>
          <SimpleGrid cols={2} spacing="sm">
            <Fact label="Time">{format.exact(entry.createdAt)}</Fact>
            <Fact label="Actor">
              <AuditActor entry={entry} />
            </Fact>
            <Fact label="Entity">
              <Badge variant="light" tt="none">
                {entry.entityType}
              </Badge>{' '}
              {entry.entityId ?? ''}
            </Fact>
            <Fact label="IP address">{entry.ip ?? '—'}</Fact>
            <Fact label="User agent">{entry.userAgent ?? '—'}</Fact>
            <Fact label="Request id">{entry.requestId ?? '—'}</Fact>
          </SimpleGrid>
          <Title order={3} size="h4">Changes</Title>
          <AuditDiff before={entry.before} after={entry.after} />
        </Stack>
      )}
    </Drawer>
  );
}
