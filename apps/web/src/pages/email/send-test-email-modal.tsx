import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useSendTestEmail } from '../../api/email-templates';
import { fieldErrors } from '../../api/problem';
import { useSession } from '../../auth/use-session';
import { ProblemAlert } from '../../components/problem-alert';

export function SendTestEmailModal({ templateKey, onClose }: { templateKey: string; onClose: () => void }) {
  const { user } = useSession();
  const [to, setTo] = useState('');
  const send = useSendTestEmail();
  const errors = fieldErrors(send.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate(
      { key: templateKey, to: to.trim() || undefined },
      {
        onSuccess: (sent) => {
          notifications.show({ color: 'green', message: `Test email queued for ${sent.to}.` });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title="Send a test email">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">The saved version of the template is sent with sample data. Unsaved changes are not included.</Text>
          <TextInput label="Recipient" type="email" placeholder={user?.email} description="Your own verified address when left empty; otherwise a verified member of this business." value={to} error={errors.to} onChange={(e) => setTo(e.currentTarget.value)} />
          <ProblemAlert error={send.error} hideFields={['to']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={send.isPending}>
              Send test
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
