import { Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Invitation, InvitationStatus } from '@app/api-client';
import { useInvitations, useResendInvitation, useRevokeInvitation } from '../../api/invitations';
import { asProblem } from '../../api/problem';
import { useSession } from '../../auth/use-session';
import { ConfirmMutationModal } from '../../components/confirm-mutation-modal';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { RoleBadges } from '../../components/role-badges';
import { StatusBadge } from '../../components/status-badge';
import { StatusFilter } from '../../components/status-filter';
import { InviteMemberModal } from '../members/invite-member-modal';
import { useFormat } from '../../components/use-format';
import { RelativeTime } from '../../components/relative-time';

const STATUSES: InvitationStatus[] = ['pending', 'accepted', 'revoked', 'expired'];

export function InvitationsPage() {
  const format = useFormat();
  const { can } = useSession();
  const [status, setStatus] = useState<InvitationStatus | null>('pending');
  const [inviting, setInviting] = useState(false);
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const invitations = useInvitations({ status });
  const revoke = useRevokeInvitation();
  const resend = useResendInvitation();
  const canWrite = can('invitations:write');

  const resendInvitation = (invitation: Invitation) =>
    resend.mutate(invitation.id, {
      onSuccess: () => notifications.show({ color: 'green', message: `Invitation re-sent to ${invitation.email}.` }),
      onError: (error) => notifications.show({ color: 'red', title: 'Could not resend', message: asProblem(error)?.message ?? String(error) }),
    });

  return (
    <>
      <PageHeader
        title="Invitations"
        description="Invitations are valid for 48 hours and can be used once."
        actions={canWrite && <Button onClick={() => setInviting(true)}>Invite member</Button>}
      />
      <StatusFilter statuses={STATUSES} value={status} onChange={setStatus} />

      <PagedTable
        query={invitations}
        empty={<EmptyList title={status ? `No ${status} invitations` : 'No invitations yet'} />}
        head={
          <>
            <Table.Th>Email</Table.Th>
            <Table.Th>Roles</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>Sent</Table.Th>
            {canWrite && <Table.Th aria-label="Actions" />}
          </>
        }
        row={(invitation) => (
          <Table.Tr key={invitation.id} data-testid="invitation-row">
            <Table.Td>{invitation.email}</Table.Td>
            <Table.Td>
              <RoleBadges roles={invitation.roles} />
            </Table.Td>
            <Table.Td>
              <StatusBadge status={invitation.status} />
            </Table.Td>
            <Table.Td>{format.dateTime(invitation.expiresAt)}</Table.Td>
            <Table.Td>
              <RelativeTime value={invitation.createdAt} />
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
        )}
      />

      <InviteMemberModal opened={inviting} onClose={() => setInviting(false)} />
      <ConfirmMutationModal
        target={revoking}
        mutation={revoke}
        variables={(invitation) => invitation.id}
        title="Revoke invitation"
        message={(invitation) => `Revoke the invitation for ${invitation.email}? The link in the email stops working.`}
        confirmLabel="Revoke"
        success={(invitation) => `Invitation for ${invitation.email} revoked.`}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}
