import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useRef, type ReactNode } from 'react';
import { ProblemAlert } from './problem-alert';

interface ConfirmModalProps {
  opened: boolean;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  /** Destructive actions are red. */
  danger?: boolean;
  loading?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmModal(props: ConfirmModalProps) {
  const { opened, danger = true, loading, error, onConfirm, onClose } = props;
  // While the modal animates closed its dialog is still in the page: it keeps the words it showed,
  // so callers that clear their state on close never leave a dialog without a name.
  const shown = useRef({ title: props.title, message: props.message, confirmLabel: props.confirmLabel });
  if (opened) shown.current = { title: props.title, message: props.message, confirmLabel: props.confirmLabel };
  const { title, message, confirmLabel } = shown.current;
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack>
        {typeof message === 'string' ? <Text>{message}</Text> : message}
        <ProblemAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={loading}>
            Cancel
          </Button>
          <Button color={danger ? 'red' : undefined} onClick={onConfirm} loading={loading}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
