import { Button, Text } from '@mantine/core';
import { useState } from 'react';
import type { BillingSubscription } from '../../api/billing-subscriptions';
import { useFormat } from '../../components/use-format';
import { CancelSubscriptionModal } from './cancel-subscription-modal';
import { ChangePlanModal } from './change-plan-modal';
import { ExtendSubscriptionModal } from './extend-subscription-modal';
import { PauseSubscriptionModal } from './pause-subscription-modal';
import { SubscriptionActionModal } from './subscription-action-modal';

type Action = 'change-plan' | 'cancel' | 'undo-cancel' | 'pause' | 'resume' | 'extend';

/** Stripe bills (and so lets staff change) these; a canceled or never-started subscription is only on record. */
const LIVE = ['trialing', 'active', 'past_due', 'unpaid', 'paused'];

/** The actions without inputs: a confirmation is all they ask. */
const CONFIRMS = {
  'undo-cancel': { title: 'Undo cancellation', confirmLabel: 'Keep the subscription', success: 'The subscription renews as before.' },
  resume: { title: 'Resume collection', confirmLabel: 'Resume collection', success: 'Payment collection resumed.' },
};

/** The actions a billing:write user may take on the subscription in its current state, each behind its modal. */
export function SubscriptionActions({ subscription }: { subscription: BillingSubscription }) {
  const format = useFormat();
  const [open, setOpen] = useState<Action | null>(null);
  const close = () => setOpen(null);
  const live = LIVE.includes(subscription.status);
  const buttons: [Action, string, boolean][] = [
    ['change-plan', 'Change plan', live && subscription.items.length > 0],
    ['extend', subscription.status === 'trialing' ? 'Extend trial' : 'Push billing date', live],
    ['pause', 'Pause collection', live && !subscription.paused],
    ['resume', 'Resume collection', live && subscription.paused],
    ['undo-cancel', 'Undo cancellation', live && subscription.cancelAtPeriodEnd],
    ['cancel', 'Cancel subscription', live],
  ];
  return (
    <>
      {buttons
        .filter(([, , shown]) => shown)
        .map(([action, label]) => (
          <Button key={action} variant={action === 'cancel' ? 'outline' : action === 'change-plan' ? 'filled' : 'default'} color={action === 'cancel' ? 'red' : undefined} onClick={() => setOpen(action)}>
            {label}
          </Button>
        ))}
      {open === 'change-plan' && <ChangePlanModal subscription={subscription} onClose={close} />}
      {open === 'cancel' && <CancelSubscriptionModal subscription={subscription} onClose={close} />}
      {open === 'pause' && <PauseSubscriptionModal subscription={subscription} onClose={close} />}
      {open === 'extend' && <ExtendSubscriptionModal subscription={subscription} onClose={close} />}
      {(open === 'undo-cancel' || open === 'resume') && (
        <SubscriptionActionModal subscription={subscription} change={{ action: open }} onClose={close} {...CONFIRMS[open]}>
          <Text>{open === 'undo-cancel' ? `The subscription renews on ${format.date(subscription.currentPeriodEnd)} instead of ending then.` : 'Stripe collects payment again from the next invoice.'}</Text>
        </SubscriptionActionModal>
      )}
    </>
  );
}
