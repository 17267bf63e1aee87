import { Button, Group, Modal, MultiSelect, NumberInput, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useBillingProducts } from '../../api/billing';
import { useCreateCoupon, type BillingCouponDetail, type CouponCreate } from '../../api/billing-coupons';
import { fieldErrors } from '../../api/problem';
import { useAttemptKey } from '../../api/use-attempt-key';
import { useSession } from '../../auth/use-session';
import { minorUnits } from '../../components/format';
import { pagedRows } from '../../components/paged-table';
import { ProblemAlert } from '../../components/problem-alert';
import { currencyOptions } from './currency-options';
import { PriceAmountInput } from './price-amount-input';

const FIELDS = ['name', 'percentOff', 'amountOff', 'currency', 'duration', 'durationInMonths', 'maxRedemptions', 'redeemBy', 'productIds'];
const DURATIONS = [
  { value: 'once', label: 'First invoice only' },
  { value: 'repeating', label: 'A number of months' },
  { value: 'forever', label: 'Forever' },
];

type Duration = CouponCreate['duration'];

/** A whole number typed in a NumberInput, or null when empty or not whole. */
const whole = (value: number | string) => (typeof value === 'number' && Number.isInteger(value) ? value : null);

/**
 * Every term the coupons API takes: percent or amount + currency, duration (months when repeating), how
 * many redemptions in all, the last moment to redeem it, the products it is restricted to. Stripe fixes
 * them once created, so they are checked here first and again by the server.
 */
export function CouponFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: (coupon: BillingCouponDetail) => void }) {
  const { activeTenant } = useSession();
  const preferred = (activeTenant?.defaultCurrency ?? 'USD').toUpperCase();
  const currencies = useMemo(() => currencyOptions(preferred), [preferred]);
  const products = pagedRows(useBillingProducts({ status: 'active', search: '' }));
  const [name, setName] = useState('');
  const [kind, setKind] = useState<'percent' | 'amount'>('percent');
  const [percent, setPercent] = useState<number | string>('');
  const [currency, setCurrency] = useState(preferred);
  const [amount, setAmount] = useState('');
  const [duration, setDuration] = useState<Duration>('once');
  const [months, setMonths] = useState<number | string>(3);
  const [maxRedemptions, setMaxRedemptions] = useState<number | string>('');
  const [redeemBy, setRedeemBy] = useState('');
  const [productIds, setProductIds] = useState<string[]>([]);
  const [checked, setChecked] = useState(false);
  const create = useCreateCoupon();
  const server = fieldErrors(create.error);

  const percentValue = typeof percent === 'number' ? percent : null;
  const minor = minorUnits(amount, currency);
  const body: CouponCreate = {
    name: name.trim(),
    duration,
    ...(kind === 'percent' ? { percentOff: percentValue ?? undefined } : { amountOff: minor ?? undefined, currency }),
    ...(duration === 'repeating' ? { durationInMonths: whole(months) ?? undefined } : {}),
    ...(whole(maxRedemptions) !== null ? { maxRedemptions: whole(maxRedemptions)! } : {}),
    ...(redeemBy ? { redeemBy: new Date(redeemBy).toISOString() } : {}),
    ...(productIds.length ? { productIds } : {}),
  };
  const idempotencyKey = useAttemptKey(body);

  const local: Record<string, string | undefined> = {
    name: !body.name ? 'Give the coupon a name' : body.name.length > 40 ? 'At most 40 characters' : undefined,
    percentOff:
      kind === 'percent' && (percentValue === null || percentValue <= 0 || percentValue > 100 || Math.round(percentValue * 100) !== percentValue * 100)
        ? 'A percentage above 0 and at most 100, up to 2 decimals'
        : undefined,
    amountOff: kind === 'amount' && (minor === null || minor < 1) ? 'An amount above 0' : undefined,
    durationInMonths: duration === 'repeating' && (whole(months) === null || whole(months)! < 1 || whole(months)! > 36) ? 'From 1 to 36 months' : undefined,
    maxRedemptions: maxRedemptions !== '' && (whole(maxRedemptions) === null || whole(maxRedemptions)! < 1) ? 'A whole number of 1 or more, or empty for no limit' : undefined,
    redeemBy: redeemBy && !(new Date(redeemBy).getTime() > Date.now()) ? 'A moment in the future' : undefined,
  };
  const invalid = Object.values(local).some(Boolean);
  const error = (field: string) => (checked ? local[field] : undefined) ?? server[field];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (invalid) return;
    create.mutate({ body, idempotencyKey }, { onSuccess: onCreated });
  };

  return (
    <Modal opened onClose={onClose} title="New coupon" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Name" description="Shown to customers on invoices and receipts." required data-autofocus maxLength={40} value={name} error={error('name')} onChange={(e) => setName(e.currentTarget.value)} />
          <SegmentedControl
            aria-label="Kind of discount"
            value={kind}
            onChange={(value) => setKind(value as 'percent' | 'amount')}
            data={[
              { value: 'percent', label: 'Percentage off' },
              { value: 'amount', label: 'Amount off' },
            ]}
          />
          {kind === 'percent' ? (
            <NumberInput label="Percent off" required min={0.01} max={100} clampBehavior="none" decimalScale={2} suffix="%" value={percent} error={error('percentOff')} onChange={setPercent} />
          ) : (
            <Group grow align="flex-start">
              <Select label="Currency" required searchable limit={20} allowDeselect={false} data={currencies} value={currency} error={error('currency')} onChange={(value) => value && setCurrency(value)} />
              <PriceAmountInput label="Amount off" currency={currency} value={amount} onChange={setAmount} error={error('amountOff')} describe={(money) => `${money} off each invoice it applies to`} />
            </Group>
          )}
          <Group grow align="flex-start">
            <Select label="Duration" description="On a subscription." required allowDeselect={false} data={DURATIONS} value={duration} error={error('duration')} onChange={(value) => value && setDuration(value as Duration)} />
            {duration === 'repeating' && <NumberInput label="Months" required min={1} max={36} clampBehavior="none" allowDecimal={false} value={months} error={error('durationInMonths')} onChange={setMonths} />}
          </Group>
          <Group grow align="flex-start">
            <NumberInput label="Max redemptions" description="Empty: no limit." min={1} allowDecimal={false} value={maxRedemptions} error={error('maxRedemptions')} onChange={setMaxRedemptions} />
            <TextInput label="Redeem by" description="Last moment it can be redeemed." type="datetime-local" value={redeemBy} error={error('redeemBy')} onChange={(e) => setRedeemBy(e.currentTarget.value)} />
          </Group>
          <MultiSelect
            label="Restricted to products"
            description="Empty: every product."
            placeholder={productIds.length ? undefined : 'Every product'}
            searchable
            data={products.map((p) => ({ value: p.id, label: p.name }))}
            value={productIds}
            error={error('productIds')}
            onChange={setProductIds}
          />
          <ProblemAlert error={create.error} hideFields={FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create coupon
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
