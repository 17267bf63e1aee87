import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import type { Member } from '@app/api-client';
import { useUpdateMember } from '../../api/members';
import { fieldErrors } from '../../api/problem';
import { ProblemAlert } from '../../components/problem-alert';
import { RolePicker } from '../../components/role-picker';

export function MemberRolesModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const [roleIds, setRoleIds] = useState(() => member.roles.map((role) => role.id));
  const update = useUpdateMember();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { id: member.id, roleIds },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', title: 'Roles updated', message: `${member.name || member.email} now has the new roles.` });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title="Change roles" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>
            {member.name} <Text span c="dimmed">({member.email})</Text>
          </Text>
          <RolePicker value={roleIds} onChange={setRoleIds} error={fieldErrors(update.error).roleIds} />
          <ProblemAlert error={update.error} hideFields={['roleIds']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending} disabled={roleIds.length === 0}>
              Save roles
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
