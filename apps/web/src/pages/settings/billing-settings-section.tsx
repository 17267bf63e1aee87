import { Button, Group, NumberInput, Paper, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Tenant } from '@app/api-client';
import { fieldErrors } from '../../api/problem';
import { useUpdateTenant } from '../../api/tenant';
import { majorUnits, minorUnits } from '../../components/format';
import { ProblemAlert } from '../../components/problem-alert';
import { PriceAmountInput } from '../billing/price-amount-input';

type BillingEmails = Tenant['settings']['billingEmails'];
type DunningPolicy = Tenant['settings']['dunningPolicy'];
type RefundMode = Tenant['settings']['refundPolicy']['mode'];

const REFUND_MODES: Array<{ value: RefundMode; label: string }> = [
  { value: 'full', label: 'Everything not yet refunded' },
  { value: 'prorated', label: 'The unused part of the paid period (pro-rated)' },
];

/** Server field errors shown on this section's inputs (the alert leaves them out). */
const FIELDS = ['settings.refundPolicy.windowDays', 'settings.refundPolicy.mode', 'settings.refundApprovalThreshold'];

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

/**
 * The business's billing choices: the refund policy (what the refund form suggests) and the amount above
 * which a refund needs a second person, what happens after the last failed payment attempt, and which
 * billing emails go out. Amounts are typed in the business's currency and sent in minor units.
 */
export function BillingSettingsSection({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const currency = tenant.settings.defaultCurrency;
  const [policy, setPolicy] = useState<DunningPolicy>(tenant.settings.dunningPolicy);
  const [emails, setEmails] = useState<BillingEmails>(tenant.settings.billingEmails);
  const [windowDays, setWindowDays] = useState<number | string>(tenant.settings.refundPolicy.windowDays);
  const [refundMode, setRefundMode] = useState<RefundMode>(tenant.settings.refundPolicy.mode);
  const saved = tenant.settings.refundApprovalThreshold;
  const [threshold, setThreshold] = useState(() => (saved === null ? '' : majorUnits(saved, currency)));
  const [checked, setChecked] = useState(false);
  const update = useUpdateTenant();
  const server = fieldErrors(update.error);

  const days = typeof windowDays === 'number' ? windowDays : Number.NaN;
  const daysError = Number.isInteger(days) && days >= 0 && days <= 365 ? undefined : 'Between 0 and 365 days';
  const thresholdMinor = threshold.trim() === '' ? null : minorUnits(threshold, currency);
  const thresholdInvalid = threshold.trim() !== '' && thresholdMinor === null;
  const save = () => {
    setChecked(true);
    if (daysError || thresholdInvalid) return;
    update.mutate(
      { settings: { dunningPolicy: policy, billingEmails: emails, refundPolicy: { windowDays: days, mode: refundMode }, refundApprovalThreshold: thresholdMinor } },
      { onSuccess: () => notifications.show({ color: 'green', message: 'Billing settings saved.' }) },
    );
  };

  return (
    <Paper withBorder p="lg" maw={640} data-testid="billing-settings">
      <Stack>
        <Title order={3}>Billing</Title>
        <Text fw={500} size="sm">Refunds</Text>
        <NumberInput
          label="Refund window"
          description="Days after a payment within which the refund form suggests an amount; after it, it suggests nothing (staff can still refund)."
          suffix=" days"
          min={0}
          max={365}
          allowDecimal={false}
          allowNegative={false}
          readOnly={readOnly}
          value={windowDays}
          error={(checked && daysError) || server['settings.refundPolicy.windowDays']}
          onChange={setWindowDays}
        />
        <Select
          label="Suggested refund"
          data={REFUND_MODES}
          allowDeselect={false}
          readOnly={readOnly}
          value={refundMode}
          error={server['settings.refundPolicy.mode']}
          onChange={(value) => value && setRefundMode(value as RefundMode)}
        />
        <PriceAmountInput
          label="Approval needed above"
          currency={currency}
          required={false}
          readOnly={readOnly}
          value={threshold}
          onChange={setThreshold}
          describe={(shown) => `Refunds above ${shown} wait for a second staff member's approval`}
          emptyDescription="Empty: no refund needs approval"
          error={server['settings.refundApprovalThreshold']}
        />
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
        <ProblemAlert error={update.error} hideFields={FIELDS} />
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
