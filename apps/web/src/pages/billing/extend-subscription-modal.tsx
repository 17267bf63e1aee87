import { Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { BillingSubscription } from '../../api/billing-subscriptions';
import { useFormat } from '../../components/use-format';
import { SubscriptionActionModal } from './subscription-action-modal';

const DAY_MS = 86_400_000;
/** A calendar day (YYYY-MM-DD) of the viewer. */
const localDay = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/**
 * Moves the trial end (while trialing) or the next billing date to a later day, keeping the time of
 * day of the current one: nothing is charged until then.
 */
export function ExtendSubscriptionModal({ subscription, onClose }: { subscription: BillingSubscription; onClose: () => void }) {
  const format = useFormat();
  const trial = subscription.status === 'trialing' && subscription.trialEnd !== null;
  const current = new Date((trial ? subscription.trialEnd : subscription.currentPeriodEnd) ?? Date.now());
  const [day, setDay] = useState(() => localDay(new Date(current.getTime() + 7 * DAY_MS)));
  const chosen = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T${String(current.getHours()).padStart(2, '0')}:${String(current.getMinutes()).padStart(2, '0')}:00`) : null;
  const later = chosen !== null && chosen.getTime() > current.getTime();
  return (
    <SubscriptionActionModal
      subscription={subscription}
      title={trial ? 'Extend trial' : 'Push the next billing date'}
      change={later ? { action: 'extend', body: { until: chosen.toISOString() } } : null}
      confirmLabel={trial ? 'Extend trial' : 'Push billing date'}
      success={`Nothing is charged until ${format.date(chosen?.toISOString())}.`}
      onClose={onClose}
    >
      <Text size="sm">
        {trial ? 'The trial ends' : 'The next invoice is made'} {format.dateTime(current.toISOString())} now.
      </Text>
      <TextInput
        label={trial ? 'New trial end' : 'New billing date'}
        type="date"
        min={localDay(new Date(current.getTime() + DAY_MS))}
        value={day}
        error={chosen && !later ? 'Choose a day after the current one.' : undefined}
        onChange={(e) => setDay(e.currentTarget.value)}
      />
    </SubscriptionActionModal>
  );
}
