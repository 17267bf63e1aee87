import { Anchor, Badge, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Suspense, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isStripeNotConfigured, useBillingProducts, type BillingProduct, type ProductStatus } from '../../api/billing';
import { useSession } from '../../auth/use-session';
import { EmptyList } from '../../components/empty-list';
import { lazyComponent } from '../../components/lazy-component';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { RelativeTime } from '../../components/relative-time';
import { StatusFilter } from '../../components/status-filter';
import { useFormat } from '../../components/use-format';
import { priceSummary } from './price-terms';
import { ProductStatusBadge } from './product-status-badge';
import { StripeNotConfigured } from './stripe-not-configured';

// The form loads when first opened: the page's first download stays small.
const ProductFormModal = lazyComponent(() => import('./product-form-modal'), 'ProductFormModal');

const STATUSES: readonly ProductStatus[] = ['active', 'archived'];

export function ProductsPage() {
  const { can } = useSession();
  const navigate = useNavigate();
  const [status, setStatus] = useState<ProductStatus | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [creating, setCreating] = useState(false);
  const products = useBillingProducts({ status, search: q });
  const canWrite = can('billing:write');
  const filtered = Boolean(q) || status !== null;

  return (
    <>
      <PageHeader
        title="Products"
        description="What you sell and its prices, kept in Stripe: one-time and recurring prices, archived ones kept for the record."
        actions={canWrite && !isStripeNotConfigured(products.error) && <Button onClick={() => setCreating(true)}>New product</Button>}
      />
      {isStripeNotConfigured(products.error) ? (
        <StripeNotConfigured />
      ) : (
        <>
          <Group align="flex-start">
            <StatusFilter statuses={STATUSES} value={status} onChange={setStatus} label="Filter products by status" />
            <TextInput placeholder="Search by name" aria-label="Search products" value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={260} maxLength={200} />
          </Group>
          <PagedTable
            query={products}
            minWidth={760}
            empty={
              <EmptyList
                title={filtered ? 'No product matches these filters' : 'No products yet'}
                description={filtered ? 'Try another search or status.' : canWrite ? 'Create a product and give it a price to start selling.' : undefined}
              />
            }
            head={
              <>
                <Table.Th>Name</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Prices</Table.Th>
                <Table.Th>Updated</Table.Th>
              </>
            }
            row={(product: BillingProduct) => (
              <Table.Tr key={product.id} data-testid="product-row">
                <Table.Td maw={320}>
                  <Anchor component={Link} to={`/billing/products/${product.id}`}>
                    {product.name}
                  </Anchor>
                  {product.description && (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {product.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <ProductStatusBadge product={product} />
                </Table.Td>
                <Table.Td>
                  <ProductPrices product={product} />
                </Table.Td>
                <Table.Td>
                  <RelativeTime value={product.stripeUpdatedAt} />
                </Table.Td>
              </Table.Tr>
            )}
          />
        </>
      )}
      <Suspense fallback={null}>
        {creating && (
          <ProductFormModal
            product={null}
            onClose={() => setCreating(false)}
            onSaved={(product: BillingProduct) => {
              setCreating(false);
              navigate(`/billing/products/${product.id}`);
            }}
          />
        )}
      </Suspense>
    </>
  );
}

/** The newest active price, and how many more the product has. */
function ProductPrices({ product }: { product: BillingProduct }) {
  const format = useFormat();
  const active = product.prices.filter((price) => price.active);
  const shown = active.at(-1);
  if (!shown) return <Text size="sm" c="dimmed">{product.prices.length ? `No active price (${product.prices.length} archived)` : 'No price yet'}</Text>;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm">{priceSummary(shown, format)}</Text>
      {active.length > 1 && (
        <Badge variant="light" color="gray">
          +{active.length - 1} more
        </Badge>
      )}
    </Group>
  );
}
