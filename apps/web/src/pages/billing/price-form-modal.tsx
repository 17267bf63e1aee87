import { Button, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState, type FormEvent } from 'react';
import { useCreatePrice, type PriceCreate } from '../../api/billing';
import { fieldErrors } from '../../api/problem';
import { useSession } from '../../auth/use-session';
import { minorUnits } from '../../components/format';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormat } from '../../components/use-format';
import { PriceAmountInput } from './price-amount-input';
import { TAX_OPTIONS } from './price-terms';
import { currencyOptions } from './currency-options';

const FIELDS = ['currency', 'unitAmount', 'type', 'interval', 'trialPeriodDays', 'taxBehavior', 'nickname'];
const INTERVALS = [
  { value: 'month', label: 'Monthly' },
  { value: 'year', label: 'Annual' },
];

/** A new price for the product: amount in major units of its currency, one-time or recurring monthly/annual. */
export function PriceFormModal({ productId, onClose }: { productId: string; onClose: () => void }) {
  const { activeTenant } = useSession();
  const format = useFormat();
  const preferred = (activeTenant?.defaultCurrency ?? 'USD').toUpperCase();
  const currencies = useMemo(() => currencyOptions(preferred), [preferred]);
  const [currency, setCurrency] = useState(preferred);
  const [amount, setAmount] = useState('');
  const [type, setType] = useState<PriceCreate['type']>('recurring');
  const [interval, setPeriod] = useState<NonNullable<PriceCreate['interval']>>('month');
  const [trialDays, setTrialDays] = useState<number | string>('');
  const [taxBehavior, setTaxBehavior] = useState<string>('unspecified');
  const [nickname, setNickname] = useState('');
  const create = useCreatePrice();
  const errors = fieldErrors(create.error);
  const minor = minorUnits(amount, currency);
  const recurring = type === 'recurring';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (minor === null) return;
    const body: PriceCreate = {
      currency,
      unitAmount: minor,
      type,
      ...(recurring ? { interval } : {}),
      ...(recurring && typeof trialDays === 'number' ? { trialPeriodDays: trialDays } : {}),
      taxBehavior: taxBehavior as PriceCreate['taxBehavior'],
      ...(nickname.trim() ? { nickname: nickname.trim() } : {}),
    };
    create.mutate(
      { productId, ...body },
      {
        onSuccess: (price) => {
          notifications.show({ color: 'green', message: `Price of ${format.money(price.unitAmount ?? 0, price.currency)} added.` });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title="Add price" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <SegmentedControl
            aria-label="Kind of price"
            value={type}
            onChange={(value) => setType(value as PriceCreate['type'])}
            data={[
              { value: 'recurring', label: 'Recurring' },
              { value: 'one_time', label: 'One-time' },
            ]}
          />
          <Group grow align="flex-start">
            <Select label="Currency" required searchable limit={20} allowDeselect={false} data={currencies} value={currency} error={errors.currency} onChange={(value) => value && setCurrency(value)} />
            <PriceAmountInput label="Amount" currency={currency} value={amount} onChange={setAmount} error={errors.unitAmount} autoFocus />
          </Group>
          {recurring && (
            <Group grow align="flex-start">
              <Select label="Billing period" required allowDeselect={false} data={INTERVALS} value={interval} error={errors.interval} onChange={(value) => value && setPeriod(value as typeof interval)} />
              <NumberInput label="Trial days" description="Optional; free days before the first payment" min={1} max={730} allowDecimal={false} allowNegative={false} value={trialDays} error={errors.trialPeriodDays} onChange={setTrialDays} />
            </Group>
          )}
          <Select label="Tax" description="Whether the amount includes tax (Stripe Tax)" allowDeselect={false} data={TAX_OPTIONS} value={taxBehavior} error={errors.taxBehavior} onChange={(value) => value && setTaxBehavior(value)} />
          <TextInput label="Nickname" description="Optional; only you see it" maxLength={100} value={nickname} error={errors.nickname} onChange={(e) => setNickname(e.currentTarget.value)} />
          {recurring && (
            <Text size="sm" c="dimmed">
              Buyers subscribe and pay {minor !== null ? format.money(minor, currency) : 'this amount'} every {interval === 'month' ? 'month' : 'year'} until they cancel.
            </Text>
          )}
          <ProblemAlert error={create.error} hideFields={FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={minor === null}>
              Add price
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
