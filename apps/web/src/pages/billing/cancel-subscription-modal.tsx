import { SegmentedControl, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { BillingSubscription, CancellationReason } from '../../api/billing-subscriptions';
import { useFormat } from '../../components/use-format';
import { SubscriptionActionModal } from './subscription-action-modal';

/** Stripe's cancellation feedback values, in the words of the dashboard. */
export const CANCELLATION_REASON_OPTIONS: { value: CancellationReason; label: string }[] = [
  { value: 'too_expensive', label: 'Too expensive' },
  { value: 'missing_features', label: 'Missing features' },
  { value: 'switched_service', label: 'Switched to another service' },
  { value: 'unused', label: 'No longer used' },
  { value: 'customer_service', label: 'Unhappy with customer service' },
  { value: 'too_complex', label: 'Too complex' },
  { value: 'low_quality', label: 'Quality was lacking' },
  { value: 'other', label: 'Other reason' },
];
/** The API's bound (SubscriptionCancelDto). */
export const FEEDBACK_MAX = 1000;

export function CancelSubscriptionModal({ subscription, onClose }: { subscription: BillingSubscription; onClose: () => void }) {
  const format = useFormat();
  const [when, setWhen] = useState<'period-end' | 'now'>('period-end');
  const [reason, setReason] = useState<CancellationReason | null>(null);
  const [feedback, setFeedback] = useState('');
  const atPeriodEnd = when === 'period-end';
  return (
    <SubscriptionActionModal
      subscription={subscription}
      title="Cancel subscription"
      change={{ action: 'cancel', body: { atPeriodEnd, reason: reason ?? undefined, feedback: feedback.trim() || undefined } }}
      confirmLabel={atPeriodEnd ? 'Cancel at period end' : 'Cancel now'}
      success={atPeriodEnd ? 'The subscription will end with its current period.' : 'The subscription was canceled.'}
      danger
      onClose={onClose}
    >
      <Stack gap="xs">
        <SegmentedControl
          aria-label="When the subscription ends"
          value={when}
          onChange={(value) => setWhen(value as 'period-end' | 'now')}
          data={[
            { value: 'period-end', label: 'At period end' },
            { value: 'now', label: 'Now' },
          ]}
        />
        <Text size="sm" c="dimmed">
          {atPeriodEnd
            ? `It stays active until ${format.date(subscription.currentPeriodEnd)} and can be undone until then.`
            : 'It ends at once and cannot be undone; Stripe does not refund the time left.'}
        </Text>
      </Stack>
      <Select label="Reason" placeholder="Choose a reason (optional)" data={CANCELLATION_REASON_OPTIONS} value={reason} onChange={(value) => setReason(value as CancellationReason | null)} clearable />
      <Textarea label="Feedback" description="The customer's own words (optional)" maxLength={FEEDBACK_MAX} autosize minRows={2} value={feedback} onChange={(e) => setFeedback(e.currentTarget.value)} />
    </SubscriptionActionModal>
  );
}
