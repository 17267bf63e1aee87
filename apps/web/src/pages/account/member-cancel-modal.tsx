import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { CancellationReason } from '../../api/billing-subscriptions';
import { useMemberSubscriptionChange, type MemberSubscription, type MemberSubscriptionChange } from '../../api/member-billing';
import { useAttemptKey } from '../../api/use-attempt-key';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormat } from '../../components/use-format';
import { CANCELLATION_REASON_OPTIONS, FEEDBACK_MAX } from '../billing/cancel-subscription-modal';

/**
 * Asks a member before cancelling their subscription at period end (with an optional reason), or before
 * undoing that. Mounted while open: each opening is one attempt with its own Idempotency-Key.
 */
export function MemberCancelModal({ subscription, undo, onClose }: { subscription: MemberSubscription; undo: boolean; onClose: () => void }) {
  const format = useFormat();
  const [reason, setReason] = useState<CancellationReason | null>(null);
  const [feedback, setFeedback] = useState('');
  const change: MemberSubscriptionChange = undo ? { action: 'undo-cancel' } : { action: 'cancel', reason: reason ?? undefined, feedback: feedback.trim() || undefined };
  const mutation = useMemberSubscriptionChange();
  const idempotencyKey = useAttemptKey(change);
  const ends = format.date(subscription.currentPeriodEnd);
  const confirm = () =>
    mutation.mutate(
      { id: subscription.id, idempotencyKey, change },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: undo ? 'Your subscription renews as before.' : `Your subscription ends on ${ends}.` });
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={undo ? 'Keep your subscription' : 'Cancel your subscription'} centered>
      <Stack>
        {undo ? (
          <Text>It renews on {ends} instead of ending then.</Text>
        ) : (
          <>
            <Text>You keep access until {ends}; nothing more is charged after that. You can change your mind until then.</Text>
            <Select label="Why are you leaving?" placeholder="Choose a reason (optional)" data={CANCELLATION_REASON_OPTIONS} value={reason} onChange={(value) => setReason(value as CancellationReason | null)} clearable />
            <Textarea label="Anything you want to tell us" description="Optional" maxLength={FEEDBACK_MAX} autosize minRows={2} value={feedback} onChange={(e) => setFeedback(e.currentTarget.value)} />
          </>
        )}
        <ProblemAlert error={mutation.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            Close
          </Button>
          <Button color={undo ? undefined : 'red'} onClick={confirm} loading={mutation.isPending}>
            {undo ? 'Keep my subscription' : 'Cancel at period end'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
