import { Alert, NumberInput, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useProductsOnSale, useSubscriptionChangePreview, type BillingSubscription, type SubscriptionChangePreview } from '../../api/billing-subscriptions';
import { ErrorState } from '../../components/error-state';
import { LoadingState } from '../../components/loading-state';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormat } from '../../components/use-format';
import { priceSummary } from './price-terms';
import { SubscriptionActionModal } from './subscription-action-modal';

/** The API's bounds on the quantity (SubscriptionChangePlanDto). */
const QUANTITY_MIN = 1;
const QUANTITY_MAX = 10_000;

/**
 * Moves the subscription to another recurring price of the catalog in its currency. Stripe's proration
 * preview is shown first; confirming sends the preview's prorationDate, so the charge is what was shown.
 */
export function ChangePlanModal({ subscription, onClose }: { subscription: BillingSubscription; onClose: () => void }) {
  const format = useFormat();
  const products = useProductsOnSale();
  const current = subscription.items[0];
  const [priceId, setPriceId] = useState<string | null>(null);
  const [quantity, setQuantity] = useState<number>(current?.quantity ?? 1);
  const validQuantity = Number.isInteger(quantity) && quantity >= QUANTITY_MIN && quantity <= QUANTITY_MAX;
  const preview = useSubscriptionChangePreview(subscription.id, { priceId: validQuantity ? priceId : null, quantity });
  const currency = (subscription.currency ?? '').toUpperCase();
  const choices = (products.data?.data ?? [])
    .map((product) => ({
      group: product.name,
      items: product.prices
        .filter((price) => price.active && price.type === 'recurring' && price.currency.toUpperCase() === currency && price.stripeId !== current?.priceId)
        .map((price) => ({ value: price.id, label: `${product.name}: ${priceSummary(price, format)}${price.nickname ? ` (${price.nickname})` : ''}` })),
    }))
    .filter((group) => group.items.length > 0);
  const shown = preview.isSuccess && !preview.isFetching ? preview.data : null;
  return (
    <SubscriptionActionModal
      subscription={subscription}
      title="Change plan"
      change={shown && priceId ? { action: 'change-plan', body: { priceId, quantity, prorationDate: shown.prorationDate } } : null}
      confirmLabel="Change plan"
      success="The subscription is on its new plan."
      onClose={onClose}
    >
      {current && (
        <Text size="sm">
          Now on {current.productName ?? 'its plan'}
          {(current.quantity ?? 1) > 1 ? ` × ${current.quantity}` : ''}.
        </Text>
      )}
      {products.isPending && <LoadingState />}
      {products.isError && <ErrorState error={products.error} onRetry={() => products.refetch()} />}
      {products.isSuccess &&
        (choices.length === 0 ? (
          <Alert color="gray" data-testid="no-price-choices">
            The catalog has no other active recurring price in {currency}. Add one to a product first.
          </Alert>
        ) : (
          <Select label="New price" placeholder="Choose a recurring price" data={choices} value={priceId} onChange={setPriceId} searchable />
        ))}
      <NumberInput
        label="Quantity"
        min={QUANTITY_MIN}
        max={QUANTITY_MAX}
        allowDecimal={false}
        value={quantity}
        onChange={(value) => setQuantity(typeof value === 'number' ? value : Number(value) || 0)}
        error={validQuantity ? undefined : `A whole number from ${QUANTITY_MIN} to ${QUANTITY_MAX}.`}
      />
      {preview.isFetching && <LoadingState />}
      {preview.isError && !preview.isFetching && <ProblemAlert error={preview.error} />}
      {shown && <ChangePreview preview={shown} />}
    </SubscriptionActionModal>
  );
}

function ChangePreview({ preview }: { preview: SubscriptionChangePreview }) {
  const format = useFormat();
  const money = (amount: number) => format.money(amount, preview.currency);
  return (
    <div data-testid="change-preview">
      <Text fw={600} data-testid="change-preview-amount">
        {preview.amountDue < 0 ? `Credit to the customer now: ${money(-preview.amountDue)}` : `Charged now: ${money(preview.amountDue)}`}
      </Text>
      <Table mt="xs" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Line</Table.Th>
            <Table.Th>Period</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.lines.map((line, index) => (
            <Table.Tr key={`${index}:${line.description ?? ''}`} data-testid="change-preview-line">
              <Table.Td>
                {line.description ?? '—'}
                {!line.proration && (
                  <Text size="xs" c="dimmed">
                    Next period
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {format.date(line.periodStart)} – {format.date(line.periodEnd)}
              </Table.Td>
              <Table.Td ta="right">{money(line.amount)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed" mt="xs">
        Next invoice: {money(preview.total)} (subtotal {money(preview.subtotal)}). Computed for {format.dateTime(preview.prorationDate)}.
      </Text>
    </div>
  );
}
