import { Select, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { BillingSubscription, SubscriptionPause } from '../../api/billing-subscriptions';
import { startOfDay } from '../../api/day-range';
import { SubscriptionActionModal } from './subscription-action-modal';

type Behavior = NonNullable<SubscriptionPause['behavior']>;

const BEHAVIORS: { value: Behavior; label: string }[] = [
  { value: 'void', label: 'Void them (nothing is owed for the pause)' },
  { value: 'keep_as_draft', label: 'Keep them as drafts (bill them later)' },
  { value: 'mark_uncollectible', label: 'Mark them uncollectible' },
];

/** Pauses payment collection: Stripe keeps making invoices and treats them as chosen here. */
export function PauseSubscriptionModal({ subscription, onClose }: { subscription: BillingSubscription; onClose: () => void }) {
  const [behavior, setBehavior] = useState<Behavior>('void');
  const [resumesOn, setResumesOn] = useState('');
  return (
    <SubscriptionActionModal
      subscription={subscription}
      title="Pause payment collection"
      change={{ action: 'pause', body: { behavior, resumesAt: startOfDay(resumesOn || null) } }}
      confirmLabel="Pause collection"
      success="Payment collection is paused."
      onClose={onClose}
    >
      <Text size="sm">The customer keeps access; no payment is collected until collection resumes.</Text>
      <Select label="Invoices made while paused" data={BEHAVIORS} value={behavior} onChange={(value) => value && setBehavior(value as Behavior)} allowDeselect={false} />
      <TextInput
        label="Resume on"
        description="Optional: without a date, collection stays paused until resumed here."
        type="date"
        value={resumesOn}
        onChange={(e) => setResumesOn(e.currentTarget.value)}
      />
    </SubscriptionActionModal>
  );
}
