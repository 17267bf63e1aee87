import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { Role } from '@app/api-client';
import { useDeleteRole, usePermissions, useRoles } from '../../api/roles';
import { useSession } from '../../auth/use-session';
import { ConfirmMutationModal } from '../../components/confirm-mutation-modal';
import { EmptyList } from '../../components/empty-list';
import { ErrorState } from '../../components/error-state';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { RoleFormModal } from './role-form-modal';

type Editing = { role: Role | null; readOnly: boolean };

function permissionSummary(role: Role) {
  if (role.permissions.includes('*')) return 'All permissions';
  if (role.permissions.length === 0) return 'No permissions';
  return role.permissions.join(', ');
}

export function RolesPage() {
  const { can } = useSession();
  const roles = useRoles();
  const catalog = usePermissions();
  const remove = useDeleteRole();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<Role | null>(null);
  const canWrite = can('roles:write');

  const query = roles.isError ? roles : catalog;
  return (
    <>
      <PageHeader
        title="Roles"
        description="What each role may do. System roles cannot be changed or deleted."
        actions={canWrite && <Button onClick={() => setEditing({ role: null, readOnly: false })} disabled={!catalog.isSuccess}>New role</Button>}
      />
      {(roles.isPending || catalog.isPending) && <LoadingState />}
      {(roles.isError || catalog.isError) && <ErrorState error={query.error} onRetry={() => { void roles.refetch(); void catalog.refetch(); }} />}
      {roles.isSuccess && roles.data.length === 0 && <EmptyList title="No roles yet" />}
      {roles.isSuccess && catalog.isSuccess && roles.data.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Role</Table.Th>
                <Table.Th>Permissions</Table.Th>
                <Table.Th>Members</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {roles.data.map((role) => {
                const editable = canWrite && !role.system;
                return (
                  <Table.Tr key={role.id} data-testid="role-row">
                    <Table.Td>
                      <Group gap="xs">
                        <Text fw={600}>{role.name}</Text>
                        {role.system && <Badge variant="outline" size="sm">System</Badge>}
                      </Group>
                      {role.description && <Text size="sm" c="dimmed">{role.description}</Text>}
                    </Table.Td>
                    <Table.Td maw={360}>
                      <Text size="sm" lineClamp={2}>{permissionSummary(role)}</Text>
                    </Table.Td>
                    <Table.Td>{role.memberCount}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button size="xs" variant="light" onClick={() => setEditing({ role, readOnly: !editable })}>
                          {editable ? 'Edit' : 'View'}
                        </Button>
                        {editable && (
                          <Button size="xs" variant="light" color="red" onClick={() => setDeleting(role)}>
                            Delete
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && catalog.isSuccess && (
        <RoleFormModal role={editing.role} readOnly={editing.readOnly} catalog={catalog.data} onClose={() => setEditing(null)} />
      )}
      <ConfirmMutationModal
        target={deleting}
        mutation={remove}
        variables={(role) => role.id}
        title="Delete role"
        message={(role) =>
          role.memberCount > 0 ? `Delete ${role.name}? ${role.memberCount} member(s) hold this role and will lose its permissions.` : `Delete ${role.name}?`
        }
        confirmLabel="Delete"
        success={(role) => `Role ${role.name} deleted.`}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
