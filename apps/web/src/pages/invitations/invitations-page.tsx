import { Button, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Invitation, InvitationStatus } from '@app/api-client';
import { useInvitations, useResendInvitation, useRevokeInvitation } from '../../api/invitations';
import { asProblem } from '../../api/problem';
import { useSession } from '../../auth/use-session';
import { ConfirmModal } from '../../components/confirm-modal';
import { EmptyList } from '../../components/empty-list';
import { ErrorState } from '../../components/error-state';
import { formatDateTime } from '../../components/format-date';
import { LoadingState } from '../../components/loading-state';
import { LoadMore } from '../../components/load-more';
import { PageHeader } from '../../components/page-header';
import { RoleBadges } from '../../components/role-badges';
import { StatusBadge } from '../../components/status-badge';
import { InviteMemberModal } from '../members/invite-member-modal';

type StatusFilter = 'all' | InvitationStatus;

const STATUSES: StatusFilter[] = ['all', 'pending', 'accepted', 'revoked', 'expired'];

export function InvitationsPage() {
  const { can } = useSession();
  const [status, setStatus] = useState<StatusFilter>('pending');
  const [inviting, setInviting] = useState(false);
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const invitations = useInvitations({ status: status === 'all' ? null : status });
  const revoke = useRevokeInvitation();
  const resend = useResendInvitation();
  const canWrite = can('invitations:write');
  const rows = invitations.data?.pages.flatMap((page) => page.data) ?? [];

  const resendInvitation = (invitation: Invitation) =>
    resend.mutate(invitation.id, {
      onSuccess: () => notifications.show({ color: 'green', message: `Invitation re-sent to ${invitation.email}.` }),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not resend', message: asProblem(error)?.message ?? String(error) }),
    });

  const closeRevoke = () => {
    setRevoking(null);
    revoke.reset();
  };

  return (
    <>
      <PageHeader
        title="Invitations"
        description="Invitations are valid for 48 hours and can be used once."
        actions={canWrite && <Button onClick={() => setInviting(true)}>Invite member</Button>}
      />
      <SegmentedControl mb="md" value={status} onChange={(value) => setStatus(value as StatusFilter)} data={STATUSES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) }))} />

      {invitations.isPending && <LoadingState />}
      {invitations.isError && <ErrorState error={invitations.error} onRetry={() => invitations.refetch()} />}
      {invitations.isSuccess && rows.length === 0 && (
        <EmptyList title={status === 'all' ? 'No invitations yet' : `No ${status} invitations`} />
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Th>Roles</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Sent</Table.Th>
                {canWrite && <Table.Th aria-label="Actions" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((invitation) => (
                <Table.Tr key={invitation.id} data-testid="invitation-row">
                  <Table.Td>{invitation.email}</Table.Td>
                  <Table.Td>
                    <RoleBadges roles={invitation.roles} />
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={invitation.status} />
                  </Table.Td>
                  <Table.Td>{formatDateTime(invitation.expiresAt)}</Table.Td>
                  <Table.Td>
                    {formatDateTime(invitation.createdAt)}
                    {invitation.invitedBy && (
                      <Text size="xs" c="dimmed">
                        by {invitation.invitedBy.name || invitation.invitedBy.email}
                      </Text>
                    )}
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {(invitation.status === 'pending' || invitation.status === 'expired') && (
                          <Button
                            size="xs"
                            variant="light"
                            loading={resend.isPending && resend.variables === invitation.id}
                            onClick={() => resendInvitation(invitation)}
                          >
                            Resend
                          </Button>
                        )}
                        {invitation.status === 'pending' && (
                          <Button size="xs" variant="light" color="red" onClick={() => setRevoking(invitation)}>
                            Revoke
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore hasNextPage={invitations.hasNextPage} isFetchingNextPage={invitations.isFetchingNextPage} fetchNextPage={invitations.fetchNextPage} />

      <InviteMemberModal opened={inviting} onClose={() => setInviting(false)} />
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke invitation"
        message={`Revoke the invitation for ${revoking?.email}? The link in the email stops working.`}
        confirmLabel="Revoke"
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: `Invitation for ${revoking.email} revoked.` });
              closeRevoke();
            },
          })
        }
        onClose={closeRevoke}
      />
    </>
  );
}
