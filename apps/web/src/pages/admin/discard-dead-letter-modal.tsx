import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useDiscardDeadLetter, type DeadLetter } from '../../api/dead-letters';
import { fieldErrors } from '../../api/problem';
import { ProblemAlert } from '../../components/problem-alert';

const MAX_REASON = 500;

/** Discards an open dead letter; the reason is required, kept with it and audited. */
export function DiscardDeadLetterModal({ deadLetter, onClose }: { deadLetter: DeadLetter; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const discard = useDiscardDeadLetter();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    discard.mutate(
      { id: deadLetter.id, reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `${deadLetter.jobName} was discarded.` });
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title="Discard dead letter">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            The job <strong>{deadLetter.jobName}</strong> will not run again. Say why, for whoever looks at it later.
          </Text>
          <Textarea
            label="Reason"
            required
            autosize
            minRows={3}
            maxLength={MAX_REASON}
            description={`${reason.length}/${MAX_REASON}`}
            data-autofocus
            value={reason}
            error={fieldErrors(discard.error).reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <ProblemAlert error={discard.error} hideFields={['reason']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={discard.isPending} disabled={!reason.trim()}>
              Discard
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
