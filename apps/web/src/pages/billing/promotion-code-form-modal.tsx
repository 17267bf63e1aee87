import { Button, Checkbox, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState, type FormEvent } from 'react';
import { useCreatePromotionCode, type BillingCouponDetail, type PromotionCodeCreate } from '../../api/billing-coupons';
import { fieldErrors } from '../../api/problem';
import { useAttemptKey } from '../../api/use-attempt-key';
import { useSession } from '../../auth/use-session';
import { minorUnits } from '../../components/format';
import { ProblemAlert } from '../../components/problem-alert';
import { currencyOptions } from './currency-options';
import { PriceAmountInput } from './price-amount-input';

const FIELDS = ['code', 'maxRedemptions', 'expiresAt', 'firstTimeTransaction', 'minimumAmount', 'currency'];
const CODE = /^[A-Z0-9]{3,40}$/;

/** A customer-facing code for the coupon, with its own limits: redemptions, expiry, first-time customers only, a minimum order. */
export function PromotionCodeFormModal({ coupon, onClose }: { coupon: BillingCouponDetail; onClose: () => void }) {
  const { activeTenant } = useSession();
  const preferred = (coupon.currency ?? activeTenant?.defaultCurrency ?? 'USD').toUpperCase();
  const currencies = useMemo(() => currencyOptions(preferred), [preferred]);
  const [code, setCode] = useState('');
  const [maxRedemptions, setMaxRedemptions] = useState<number | string>('');
  const [expiresAt, setExpiresAt] = useState('');
  const [firstTime, setFirstTime] = useState(false);
  const [withMinimum, setWithMinimum] = useState(false);
  const [currency, setCurrency] = useState(preferred);
  const [minimum, setMinimum] = useState('');
  const [checked, setChecked] = useState(false);
  const create = useCreatePromotionCode();
  const server = fieldErrors(create.error);
  const minor = minorUnits(minimum, currency);
  const limit = typeof maxRedemptions === 'number' && Number.isInteger(maxRedemptions) ? maxRedemptions : null;
  const body: PromotionCodeCreate = {
    code: code.trim(),
    ...(limit !== null ? { maxRedemptions: limit } : {}),
    ...(expiresAt ? { expiresAt: new Date(expiresAt).toISOString() } : {}),
    ...(firstTime ? { firstTimeTransaction: true } : {}),
    ...(withMinimum && minor !== null ? { minimumAmount: minor, currency } : {}),
  };
  const idempotencyKey = useAttemptKey(body);
  const couponEnd = coupon.redeemBy ? new Date(coupon.redeemBy).getTime() : null;
  const expiry = expiresAt ? new Date(expiresAt).getTime() : null;
  const local: Record<string, string | undefined> = {
    code: !CODE.test(body.code) ? '3 to 40 upper-case letters or digits' : undefined,
    maxRedemptions: maxRedemptions !== '' && (limit === null || limit < 1) ? 'A whole number of 1 or more, or empty for no limit' : undefined,
    expiresAt:
      expiry === null ? undefined : !(expiry > Date.now()) ? 'A moment in the future' : couponEnd !== null && expiry > couponEnd ? "Not after the coupon's redeem-by" : undefined,
    minimumAmount: withMinimum && (minor === null || minor < 1) ? 'An amount above 0' : undefined,
  };
  const error = (field: string) => (checked ? local[field] : undefined) ?? server[field];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.values(local).some(Boolean)) return;
    create.mutate(
      { couponId: coupon.id, body, idempotencyKey },
      {
        onSuccess: (created) => {
          notifications.show({ color: 'green', message: `Promotion code ${created.code} created.` });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title="New promotion code" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Code"
            description="What customers type: upper-case letters and digits, unique in your business."
            required
            data-autofocus
            maxLength={40}
            value={code}
            error={error('code')}
            onChange={(e) => setCode(e.currentTarget.value.toUpperCase())}
          />
          <Group grow align="flex-start">
            <NumberInput label="Max redemptions" description="Of this code. Empty: no limit." min={1} allowDecimal={false} value={maxRedemptions} error={error('maxRedemptions')} onChange={setMaxRedemptions} />
            <TextInput label="Expires" description="Empty: never (or with the coupon)." type="datetime-local" value={expiresAt} error={error('expiresAt')} onChange={(e) => setExpiresAt(e.currentTarget.value)} />
          </Group>
          <Checkbox label="First-time customers only" description="Only for customers who never paid before." checked={firstTime} onChange={(e) => setFirstTime(e.currentTarget.checked)} />
          <Checkbox label="Minimum order amount" checked={withMinimum} onChange={(e) => setWithMinimum(e.currentTarget.checked)} />
          {withMinimum && (
            <Group grow align="flex-start">
              <Select label="Currency" required searchable limit={20} allowDeselect={false} data={currencies} value={currency} error={error('currency')} onChange={(value) => value && setCurrency(value)} />
              <PriceAmountInput label="Minimum amount" currency={currency} value={minimum} onChange={setMinimum} error={error('minimumAmount')} describe={(money) => `Orders of ${money} or more`} />
            </Group>
          )}
          <ProblemAlert error={create.error} hideFields={FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create code
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
