import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useUpdatePrice, type BillingPrice, type PriceUpdate } from '../../api/billing';
import { fieldErrors } from '../../api/problem';
import { majorUnits, minorUnits } from '../../components/format';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormat } from '../../components/use-format';
import { PriceAmountInput } from './price-amount-input';
import { billingPeriod, priceSummary, TAX_OPTIONS } from './price-terms';

const FIELDS = ['unitAmount', 'trialPeriodDays', 'taxBehavior'];

/**
 * A new amount, trial or tax behaviour for a price. Stripe never changes a price once created: the API
 * creates a new price with the new terms (same product, currency and period) and archives this one.
 */
export function ChangePriceModal({ price, onClose }: { price: BillingPrice; onClose: () => void }) {
  const format = useFormat();
  const [amount, setAmount] = useState(majorUnits(price.unitAmount ?? 0, price.currency));
  const [trialDays, setTrialDays] = useState<number | string>(price.trialPeriodDays ?? '');
  const [taxBehavior, setTaxBehavior] = useState(price.taxBehavior ?? 'unspecified');
  const update = useUpdatePrice();
  const errors = fieldErrors(update.error);
  const recurring = price.type === 'recurring';
  const minor = minorUnits(amount, price.currency);

  const changes: PriceUpdate = {
    ...(minor !== null && minor !== price.unitAmount ? { unitAmount: minor } : {}),
    ...(recurring && typeof trialDays === 'number' && trialDays !== price.trialPeriodDays ? { trialPeriodDays: trialDays } : {}),
    ...(taxBehavior !== (price.taxBehavior ?? 'unspecified') ? { taxBehavior: taxBehavior as PriceUpdate['taxBehavior'] } : {}),
  };
  const changed = Object.keys(changes).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (minor === null || !changed) return;
    update.mutate(
      { id: price.id, ...changes },
      {
        onSuccess: (replacement) => {
          notifications.show({ color: 'green', message: `New price ${priceSummary(replacement, format)} replaces ${priceSummary(price, format)}.` });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title="Change price" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Alert color="blue" title="Stripe prices cannot be edited" data-testid="price-immutable">
            <Text size="sm">
              Saving creates a new price with these terms ({price.currency}, {billingPeriod(price).toLowerCase()}) and archives {priceSummary(price, format)}. New
              checkouts use the new price; subscriptions already on the old price keep paying it until they are moved.
            </Text>
          </Alert>
          <PriceAmountInput label="New amount" currency={price.currency} value={amount} onChange={setAmount} error={errors.unitAmount} autoFocus />
          <Group grow align="flex-start">
            {recurring && (
              <NumberInput label="Trial days" min={1} max={730} allowDecimal={false} allowNegative={false} value={trialDays} error={errors.trialPeriodDays} onChange={setTrialDays} />
            )}
            <Select label="Tax" allowDeselect={false} data={TAX_OPTIONS} value={taxBehavior} error={errors.taxBehavior} onChange={(value) => value && setTaxBehavior(value)} />
          </Group>
          <ProblemAlert error={update.error} hideFields={FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending} disabled={minor === null || !changed}>
              Replace price
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
