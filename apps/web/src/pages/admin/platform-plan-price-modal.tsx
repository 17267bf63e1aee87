import { Button, Group, Modal, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useSetPlatformPlanPrice, type PlatformPlan } from '../../api/platform-plans';
import { ProblemAlert } from '../../components/problem-alert';

/** Sets a monthly or annual price: a new Stripe price; the active one for the same interval and currency is archived. */
export function PlatformPlanPriceModal({ plan, onClose }: { plan: PlatformPlan; onClose: () => void }) {
  const setPrice = useSetPlatformPlanPrice();
  const [interval, setInterval] = useState<'month' | 'year'>('month');
  const [currency, setCurrency] = useState(plan.prices.find((p) => p.active)?.currency ?? 'USD');
  const [amount, setAmount] = useState<number | ''>('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (amount === '') return;
    setPrice.mutate(
      { id: plan.id, interval, currency, unitAmount: Math.round(amount * 100) },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: `New ${interval === 'month' ? 'monthly' : 'annual'} price for ${plan.name}.` });
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={`Change price of ${plan.name}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">Running subscriptions keep their price; new checkouts use the new one.</Text>
          <SegmentedControl
            aria-label="Interval"
            value={interval}
            onChange={(value) => setInterval(value as 'month' | 'year')}
            data={[{ value: 'month', label: 'Monthly' }, { value: 'year', label: 'Annual' }]}
          />
          <Group grow align="flex-start">
            <TextInput label="Currency" maxLength={3} value={currency} onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())} />
            <NumberInput label="Amount" required min={0} decimalScale={2} value={amount} onChange={(v) => setAmount(typeof v === 'number' ? v : '')} />
          </Group>
          <ProblemAlert error={setPrice.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={setPrice.isPending} disabled={amount === ''}>
              Set price
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
