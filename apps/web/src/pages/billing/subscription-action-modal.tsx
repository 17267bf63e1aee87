import { Button, Group, Modal, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { useSubscriptionAction, type BillingSubscription, type SubscriptionAction } from '../../api/billing-subscriptions';
import { useAttemptKey } from '../../api/use-attempt-key';
import { ProblemAlert } from '../../components/problem-alert';

interface SubscriptionActionModalProps {
  subscription: BillingSubscription;
  title: string;
  /** The action the confirm button sends (null: not ready to send yet). */
  change: SubscriptionAction | null;
  confirmLabel: string;
  success: string;
  danger?: boolean;
  onClose: () => void;
  children?: ReactNode;
}

/**
 * A modal around one action on a subscription: its inputs, the API's problem when it fails, and a
 * confirm button. The modal is mounted while open, so each opening is one attempt with its own
 * Idempotency-Key: confirming again after a failure resends the same request under the same key.
 */
export function SubscriptionActionModal({ subscription, title, change, confirmLabel, success, danger, onClose, children }: SubscriptionActionModalProps) {
  const action = useSubscriptionAction();
  const idempotencyKey = useAttemptKey(change);
  const confirm = () =>
    change &&
    action.mutate(
      { id: subscription.id, idempotencyKey, change },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: success });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={title} centered>
      <Stack>
        {children}
        <ProblemAlert error={action.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={action.isPending}>
            Close
          </Button>
          <Button color={danger ? 'red' : undefined} onClick={confirm} loading={action.isPending} disabled={!change}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
