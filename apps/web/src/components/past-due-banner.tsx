import { Alert, Anchor, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMemberBilling, useOpenOwnPortal } from '../api/member-billing';
import { useActiveTenantId } from '../auth/token-store';
import { ProblemAlert } from './problem-alert';
import { useFormat } from './use-format';

/** A dismissal lasts for the browser session, per business and subscription. */
const dismissedKey = (tenantId: string | null, subscriptionId: string) => `past-due-dismissed:${tenantId}:${subscriptionId}`;

/**
 * On every page, for a member whose own subscription is past due or unpaid: what failed and the
 * Customer Portal to update the card. Nobody else sees it (their own billing has no pastDue).
 */
export function PastDueBanner() {
  const tenantId = useActiveTenantId();
  const billing = useMemberBilling();
  const portal = useOpenOwnPortal();
  const format = useFormat();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const pastDue = billing.data?.pastDue;
  if (!pastDue) return null;
  const key = dismissedKey(tenantId, pastDue.subscriptionId);
  if (dismissed === key || sessionStorage.getItem(key)) return null;
  const dismiss = () => {
    sessionStorage.setItem(key, '1');
    setDismissed(key);
  };
  const invoice = pastDue.invoice;
  return (
    <Alert color="red" title="Your payment did not go through" withCloseButton closeButtonLabel="Dismiss" onClose={dismiss} mb="md" data-testid="past-due-banner">
      <Text size="sm">
        {invoice ? `We could not collect ${format.money(invoice.amountDue, invoice.currency)} for your subscription. ` : 'We could not collect the last payment for your subscription. '}
        Update your card to keep your access.{' '}
        <Anchor component={Link} to="/account/billing" size="sm">
          My billing
        </Anchor>
      </Text>
      <Group mt="xs">
        <Button size="xs" color="red" loading={portal.isPending} onClick={() => portal.mutate(window.location.href)}>
          Update card
        </Button>
      </Group>
      <ProblemAlert error={portal.error} />
    </Alert>
  );
}
