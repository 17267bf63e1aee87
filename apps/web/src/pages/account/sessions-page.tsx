import { Badge, Button, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { AuthSession } from '@app/api-client';
import { useAuthSessions, useRevokeAuthSession } from '../../api/auth-sessions';
import { ConfirmModal } from '../../components/confirm-modal';
import { EmptyList } from '../../components/empty-list';
import { ErrorState } from '../../components/error-state';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { useFormat } from '../../components/use-format';
import { RelativeTime } from '../../components/relative-time';

export function SessionsPage() {
  const format = useFormat();
  const sessions = useAuthSessions();
  const revoke = useRevokeAuthSession();
  const [revoking, setRevoking] = useState<AuthSession | null>(null);

  const close = () => {
    setRevoking(null);
    revoke.reset();
  };

  return (
    <>
      <PageHeader title="Sessions" description="Devices signed in to your account. Revoke any you don't recognize." />
      {sessions.isPending && <LoadingState />}
      {sessions.isError && <ErrorState error={sessions.error} onRetry={() => sessions.refetch()} />}
      {sessions.isSuccess && sessions.data.data.length === 0 && <EmptyList title="No active sessions" />}
      {sessions.isSuccess && sessions.data.data.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Device</Table.Th>
                <Table.Th>IP address</Table.Th>
                <Table.Th>Signed in</Table.Th>
                <Table.Th>Last active</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.data.map((session) => (
                <Table.Tr key={session.id} data-testid="auth-session-row">
                  <Table.Td maw={320}>
                    <Text size="sm" lineClamp={2}>
                      {session.userAgent || 'Unknown device'}
                    </Text>
                    {session.current && <Badge size="sm" color="green" variant="light">This device</Badge>}
                    {session.impersonation && <Badge size="sm" color="orange" variant="light" ml={4}>Impersonation</Badge>}
                  </Table.Td>
                  <Table.Td>{session.ip || '—'}</Table.Td>
                  <Table.Td>{format.dateTime(session.createdAt)}</Table.Td>
                  <Table.Td>
                    <RelativeTime value={session.lastActiveAt} />
                  </Table.Td>
                  <Table.Td>
                    {!session.current && (
                      <Button size="xs" variant="light" color="red" onClick={() => setRevoking(session)}>
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke session"
        message="That device will be signed out the next time it refreshes its access."
        confirmLabel="Revoke"
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: 'Session revoked.' });
              close();
            },
          })
        }
        onClose={close}
      />
    </>
  );
}
