import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { ConfirmModal } from './confirm-modal';

/** The parts of a React Query mutation the confirmation drives. */
interface ConfirmableMutation<V> {
  mutate(variables: V, options: { onSuccess: () => void }): void;
  reset(): void;
  isPending: boolean;
  error: unknown;
}

interface ConfirmMutationModalProps<T, V> {
  /** What the action applies to; the modal is open while it is set. */
  target: T | null;
  mutation: ConfirmableMutation<V>;
  variables: (target: T) => V;
  title: string;
  message: (target: T) => ReactNode;
  confirmLabel: string;
  /** The notification shown once the mutation succeeded. */
  success: (target: T) => string;
  danger?: boolean;
  onClose: () => void;
}

/**
 * Asks before running a mutation on one item: shows its problem if it fails, notifies and closes
 * when it succeeds, and forgets the last error when closed.
 */
export function ConfirmMutationModal<T, V>(props: ConfirmMutationModalProps<T, V>) {
  const { target, mutation, variables, title, message, confirmLabel, success, danger, onClose } = props;
  const close = () => {
    onClose();
    mutation.reset();
  };
  return (
    <ConfirmModal
      opened={target !== null}
      title={title}
      message={target ? message(target) : ''}
      confirmLabel={confirmLabel}
      danger={danger}
      loading={mutation.isPending}
      error={mutation.error}
      onConfirm={() =>
        target &&
        mutation.mutate(variables(target), {
          onSuccess: () => {
            notifications.show({ color: 'green', message: success(target) });
            close();
          },
        })
      }
      onClose={close}
    />
  );
}
