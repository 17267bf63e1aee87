import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useInvite } from '../../api/invitations';
import { fieldErrors } from '../../api/problem';
import { ProblemAlert } from '../../components/problem-alert';
import { RolePicker } from '../../components/role-picker';

export function InviteMemberModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [email, setEmail] = useState('');
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const invite = useInvite();
  const errors = fieldErrors(invite.error);

  const close = () => {
    setEmail('');
    setRoleIds([]);
    invite.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate(
      { email, roleIds },
      {
        onSuccess: (invitation) => {
          notifications.show({ color: 'green', title: 'Invitation sent', message: `We emailed ${invitation.email}.` });
          close();
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title="Invite a member" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Email" type="email" required data-autofocus value={email} error={errors.email} onChange={(e) => setEmail(e.currentTarget.value)} />
          <RolePicker value={roleIds} onChange={setRoleIds} error={errors.roleIds} />
          <ProblemAlert error={invite.error} hideFields={['email', 'roleIds']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={invite.isPending} disabled={!email || roleIds.length === 0}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
