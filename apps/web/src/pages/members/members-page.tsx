import { Button, Group, Select, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Suspense, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Member } from '@app/api-client';
import { useMembers, useRemoveMember, useUpdateMember } from '../../api/members';
import { useRoles } from '../../api/roles';
import { useSession } from '../../auth/use-session';
import { EmptyList } from '../../components/empty-list';
import { lazyComponent } from '../../components/lazy-component';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { RoleBadges } from '../../components/role-badges';
import { StatusBadge } from '../../components/status-badge';
import { MemberActions, type MemberAction } from './member-actions';
import { useFormat } from '../../components/use-format';

// Dialogs load when first opened: the page's first download stays small.
const ConfirmModal = lazyComponent(() => import('../../components/confirm-modal'), 'ConfirmModal');
const InviteMemberModal = lazyComponent(() => import('./invite-member-modal'), 'InviteMemberModal');
const MemberRolesModal = lazyComponent(() => import('./member-roles-modal'), 'MemberRolesModal');

interface PendingAction {
  action: MemberAction;
  member: Member;
}

export function MembersPage() {
  const format = useFormat();
  const { can } = useSession();
  // A link from elsewhere (a billing customer's member) opens the list searched for that member.
  const [params] = useSearchParams();
  const [search, setSearch] = useState(() => params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [role, setRole] = useState<string | null>(null);
  const [inviting, setInviting] = useState(false);
  const [pending, setPending] = useState<PendingAction | null>(null);
  const members = useMembers({ q, role });
  const roles = useRoles();
  const update = useUpdateMember();
  const remove = useRemoveMember();
  const canWrite = can('members:write');

  const closePending = () => {
    setPending(null);
    update.reset();
    remove.reset();
  };

  const confirmPending = () => {
    if (!pending) return;
    const { action, member } = pending;
    const label = member.name || member.email;
    const done = (message: string) => () => {
      notifications.show({ color: 'green', message });
      closePending();
    };
    if (action === 'remove') remove.mutate(member.id, { onSuccess: done(`${label} was removed.`) });
    else update.mutate({ id: member.id, active: action === 'reactivate' }, { onSuccess: done(`${label} was ${action}d.`) });
  };

  return (
    <>
      <PageHeader
        title="Members"
        description="People who can sign in to this organization."
        actions={can('invitations:write') && <Button onClick={() => setInviting(true)}>Invite member</Button>}
      />
      <Group mb="md">
        <TextInput placeholder="Search by name or email" aria-label="Search members" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={280} />
        <Select
          placeholder="All roles"
          aria-label="Filter by role"
          clearable
          data={(roles.data ?? []).map((r) => ({ value: r.key, label: r.name }))}
          value={role}
          onChange={setRole}
          w={200}
        />
      </Group>

      <PagedTable
        query={members}
        empty={
          <EmptyList title={q || role ? 'No member matches these filters' : 'No members yet'} description={q || role ? 'Try another search or role.' : 'Invite people to get started.'} />
        }
        head={
          <>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Roles</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Joined</Table.Th>
            {canWrite && <Table.Th w={48} aria-label="Actions" />}
          </>
        }
        row={(member) => (
          <Table.Tr key={member.id} data-testid="member-row">
            <Table.Td>{member.name}</Table.Td>
            <Table.Td>{member.email}</Table.Td>
            <Table.Td>
              <RoleBadges roles={member.roles} />
            </Table.Td>
            <Table.Td>
              <StatusBadge status={member.active ? 'active' : 'inactive'} />
            </Table.Td>
            <Table.Td>{format.date(member.createdAt)}</Table.Td>
            {canWrite && (
              <Table.Td>
                <MemberActions member={member} onAction={(action) => setPending({ action, member })} />
              </Table.Td>
            )}
          </Table.Tr>
        )}
      />

      <Suspense fallback={null}>
        {inviting && <InviteMemberModal opened onClose={() => setInviting(false)} />}
        {pending?.action === 'roles' && <MemberRolesModal member={pending.member} onClose={closePending} />}
        {pending && pending.action !== 'roles' && (
          <ConfirmModal
            opened
            title={pending.action === 'remove' ? 'Remove member' : pending.action === 'deactivate' ? 'Deactivate member' : 'Reactivate member'}
            message={
              pending.action === 'remove'
                ? `Remove ${pending.member.email} from this organization? They lose access immediately.`
                : pending.action === 'deactivate'
                  ? `Deactivate ${pending.member.email}? They cannot sign in to this organization until reactivated.`
                  : `Reactivate ${pending.member.email}?`
            }
            confirmLabel={pending.action === 'remove' ? 'Remove' : pending.action === 'deactivate' ? 'Deactivate' : 'Reactivate'}
            danger={pending.action !== 'reactivate'}
            loading={update.isPending || remove.isPending}
            error={update.error ?? remove.error}
            onConfirm={confirmPending}
            onClose={closePending}
          />
        )}
      </Suspense>
    </>
  );
}
