import { Badge, Button, Group, Table, Text, Title } from '@mantine/core';
import type { BillingPrice, BillingProduct } from '../../api/billing';
import { EmptyList } from '../../components/empty-list';
import { ListTable } from '../../components/list-table';
import { RelativeTime } from '../../components/relative-time';
import { useFormat } from '../../components/use-format';
import { billingPeriod, priceSummary, taxBehaviorLabel } from './price-terms';

export type PriceAction = 'checkout' | 'change' | 'archive-price';

interface ProductPricesProps {
  product: BillingProduct;
  /** Actions on active prices (billing:write, product active). */
  canWrite: boolean;
  onAction: (action: PriceAction, price: BillingPrice) => void;
}

/** The product's prices, newest first, archived ones with what replaced them. */
export function ProductPrices({ product, canWrite, onAction }: ProductPricesProps) {
  const format = useFormat();
  const prices = [...product.prices].reverse();
  const byId = new Map(product.prices.map((price) => [price.id, price]));
  const replacedBy = new Map(product.prices.filter((price) => price.replacesPriceId).map((price) => [price.replacesPriceId!, price]));

  return (
    <section aria-labelledby="prices-heading">
      <Title order={2} size="h4" mb="sm" id="prices-heading">
        Prices
      </Title>
      {prices.length === 0 ? (
        <EmptyList title="No prices yet" description={canWrite ? 'Add a price so the product can be bought.' : undefined} />
      ) : (
        <ListTable minWidth={canWrite ? 1040 : 820} columns={['Amount', 'Billing', 'Trial', 'Tax', 'Status', 'History', 'Created', ...(canWrite ? [''] : [])]}>
          {prices.map((price) => {
            const summary = priceSummary(price, format);
            const replaced = price.replacesPriceId ? byId.get(price.replacesPriceId) : undefined;
            const successor = replacedBy.get(price.id);
            return (
              <Table.Tr key={price.id} data-testid="price-row" data-price-id={price.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {price.unitAmount === null ? 'Variable amount' : format.money(price.unitAmount, price.currency)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {price.currency}
                    {price.nickname ? ` · ${price.nickname}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>{billingPeriod(price)}</Table.Td>
                <Table.Td>{price.trialPeriodDays ? `${price.trialPeriodDays} days` : '—'}</Table.Td>
                <Table.Td>{taxBehaviorLabel(price.taxBehavior)}</Table.Td>
                <Table.Td>
                  <Badge color={price.active ? 'green' : 'gray'} variant="light" data-testid="price-status">
                    {price.active ? 'Active' : 'Archived'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" data-testid="price-history">
                    {replaced && `Replaces ${priceSummary(replaced, format)}`}
                    {replaced && successor && <br />}
                    {successor && `Replaced by ${priceSummary(successor, format)}`}
                    {!replaced && !successor && '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RelativeTime value={price.createdAt} />
                </Table.Td>
                {canWrite && (
                  <Table.Td>
                    {price.active && (
                      <Group gap="xs" wrap="nowrap" justify="flex-end">
                        <Button size="xs" variant="light" onClick={() => onAction('checkout', price)} aria-label={`Checkout link for ${summary}`}>
                          Checkout link
                        </Button>
                        {price.unitAmount !== null && (
                          <Button size="xs" variant="default" onClick={() => onAction('change', price)} aria-label={`Change price ${summary}`}>
                            Change
                          </Button>
                        )}
                        <Button size="xs" variant="default" color="red" onClick={() => onAction('archive-price', price)} aria-label={`Archive price ${summary}`}>
                          Archive
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </ListTable>
      )}
    </section>
  );
}
