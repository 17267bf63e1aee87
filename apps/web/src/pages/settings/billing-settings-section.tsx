import { Button, Group, Paper, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Tenant } from '@app/api-client';
import { useUpdateTenant } from '../../api/tenant';
import { ProblemAlert } from '../../components/problem-alert';

type BillingEmails = Tenant['settings']['billingEmails'];
type DunningPolicy = Tenant['settings']['dunningPolicy'];

const POLICIES: Array<{ value: DunningPolicy; label: string }> = [
  { value: 'none', label: 'Do nothing (Stripe\'s own subscription settings apply)' },
  { value: 'suspend', label: 'Suspend the member\'s access until they pay' },
  { value: 'cancel', label: 'Cancel the subscription' },
];

const EMAILS: Array<{ key: keyof BillingEmails; label: string; description: string }> = [
  { key: 'receipt', label: 'Payment receipts', description: 'After each paid invoice' },
  { key: 'trialEnding', label: 'Trial ending', description: 'About 3 days before a trial ends' },
  { key: 'renewalReminder', label: 'Renewal reminders', description: 'Before a subscription renews' },
  { key: 'canceled', label: 'Subscription ended', description: 'When a subscription ends' },
  { key: 'paymentFailed', label: 'Payment failed', description: 'When an automatic payment fails, with the page to pay with another card' },
  { key: 'cardExpiring', label: 'Card expiring', description: 'Daily: customers whose card expires at the end of this month, with a link to update it' },
  { key: 'staffDigest', label: 'Daily digest to staff', description: 'Each morning to staff who can read billing: trials ending, cancellations requested, failed payments' },
];

/** The business's billing choices: what happens after the last failed payment attempt, and which billing emails go out. */
export function BillingSettingsSection({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const [policy, setPolicy] = useState<DunningPolicy>(tenant.settings.dunningPolicy);
  const [emails, setEmails] = useState<BillingEmails>(tenant.settings.billingEmails);
  const update = useUpdateTenant();
  const save = () =>
    update.mutate(
      { settings: { dunningPolicy: policy, billingEmails: emails } },
      { onSuccess: () => notifications.show({ color: 'green', message: 'Billing settings saved.' }) },
    );

  return (
    <Paper withBorder p="lg" maw={640} data-testid="billing-settings">
      <Stack>
        <Title order={3}>Billing</Title>
        <Select
          label="After the last failed payment attempt"
          description="When Stripe has no more retries planned for a subscription's invoice. A payment of the subscription lifts a suspension."
          data={POLICIES}
          allowDeselect={false}
          readOnly={readOnly}
          value={policy}
          onChange={(value) => value && setPolicy(value as DunningPolicy)}
        />
        <Text fw={500} size="sm">Billing emails</Text>
        {EMAILS.map((email) => (
          <Switch
            key={email.key}
            label={email.label}
            description={email.description}
            disabled={readOnly}
            checked={emails[email.key]}
            onChange={(event) => setEmails({ ...emails, [email.key]: event.currentTarget.checked })}
          />
        ))}
        <ProblemAlert error={update.error} />
        {!readOnly && (
          <Group justify="flex-end">
            <Button onClick={save} loading={update.isPending}>
              Save billing settings
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
