import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useOpenOwnPortal, type MemberSubscription } from '../../api/member-billing';
import { FactGrid } from '../../components/fact-grid';
import { ProblemAlert } from '../../components/problem-alert';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';
import { itemPrice, planSummary } from '../billing/subscription-plan';
import { MemberCancelModal } from './member-cancel-modal';

/** Stripe still bills these: the member may cancel them at period end. */
const LIVE = ['trialing', 'active', 'past_due', 'unpaid', 'paused'];

/** Where Stripe's portal sends the member back to. */
export const billingPageUrl = () => `${window.location.origin}/account/billing`;

/** One of the member's subscriptions: plan, status, renewal or end, card, and what they may do with it. */
export function MemberSubscriptionCard({ subscription }: { subscription: MemberSubscription }) {
  const format = useFormat();
  const portal = useOpenOwnPortal();
  const [open, setOpen] = useState<'cancel' | 'undo' | null>(null);
  const live = LIVE.includes(subscription.status);
  const ending = subscription.cancelAtPeriodEnd || subscription.cancelAt !== null;
  const card = subscription.paymentMethod;
  const facts: [string, React.ReactNode][] = [
    ['Status', <StatusBadge status={subscription.status} />],
    ['Price', subscription.items.map((item) => itemPrice(item, format)).join(', ') || '—'],
    live
      ? [ending ? 'Ends on' : subscription.status === 'trialing' ? 'Trial ends' : 'Renews on', format.date(ending ? (subscription.cancelAt ?? subscription.currentPeriodEnd) : subscription.status === 'trialing' ? subscription.trialEnd : subscription.currentPeriodEnd)]
      : ['Ended', format.date(subscription.endedAt ?? subscription.canceledAt)],
    ['Payment method', card?.last4 ? `${card.brand ?? 'Card'} ···· ${card.last4}${card.expMonth && card.expYear ? `, expires ${String(card.expMonth).padStart(2, '0')}/${card.expYear}` : ''}` : 'None on record'],
  ];
  return (
    <Card withBorder padding="md" data-testid="member-subscription">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={2} size="h4">
            {planSummary(subscription)}
          </Title>
          {live && (
            <Group gap="xs">
              <Button variant="default" loading={portal.isPending} onClick={() => portal.mutate(billingPageUrl())}>
                Update card
              </Button>
              {subscription.cancelAtPeriodEnd ? (
                <Button onClick={() => setOpen('undo')}>Keep my subscription</Button>
              ) : (
                <Button variant="outline" color="red" onClick={() => setOpen('cancel')}>
                  Cancel subscription
                </Button>
              )}
            </Group>
          )}
        </Group>
        {live && subscription.cancelAtPeriodEnd && (
          <Alert color="orange" title="Cancellation scheduled" data-testid="member-cancel-scheduled">
            Your subscription ends on {format.date(subscription.currentPeriodEnd)}. Until then you keep your access.
          </Alert>
        )}
        <FactGrid facts={facts} cols={4} />
        <ProblemAlert error={portal.error} />
        {subscription.complimentary && (
          <Text size="sm" c="dimmed">
            Complimentary: granted free of charge.
          </Text>
        )}
      </Stack>
      {open && <MemberCancelModal subscription={subscription} undo={open === 'undo'} onClose={() => setOpen(null)} />}
    </Card>
  );
}
