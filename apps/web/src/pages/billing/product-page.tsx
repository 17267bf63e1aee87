import { Alert, Anchor, Button, List, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Suspense, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useBillingProduct, useUpdateProduct, type BillingPrice, type BillingProduct } from '../../api/billing';
import { useSession } from '../../auth/use-session';
import { FactGrid } from '../../components/fact-grid';
import { lazyComponent } from '../../components/lazy-component';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import { RelativeTime } from '../../components/relative-time';
import { ProductPrices, type PriceAction } from './product-prices';
import { ProductStatusBadge } from './product-status-badge';
import { BillingErrorState } from './stripe-not-configured';

// Dialogs load when first opened: the page's first download stays small.
const ConfirmModal = lazyComponent(() => import('../../components/confirm-modal'), 'ConfirmModal');
const ProductFormModal = lazyComponent(() => import('./product-form-modal'), 'ProductFormModal');
const PriceFormModal = lazyComponent(() => import('./price-form-modal'), 'PriceFormModal');
const ChangePriceModal = lazyComponent(() => import('./change-price-modal'), 'ChangePriceModal');
const ArchivePriceModal = lazyComponent(() => import('./archive-price-modal'), 'ArchivePriceModal');
const CheckoutLinkModal = lazyComponent(() => import('./checkout-link-modal'), 'CheckoutLinkModal');

type Dialog = { kind: 'edit' | 'archive' | 'add-price' } | { kind: PriceAction; price: BillingPrice } | null;

export function ProductPage() {
  const { id = '' } = useParams();
  const product = useBillingProduct(id);
  return (
    <>
      <Anchor component={Link} to="/billing/products" size="sm">
        ← Products
      </Anchor>
      {product.isPending && <LoadingState />}
      {product.isError && <BillingErrorState error={product.error} onRetry={() => product.refetch()} />}
      {product.isSuccess && <ProductView product={product.data} />}
    </>
  );
}

function ProductView({ product }: { product: BillingProduct }) {
  const { can } = useSession();
  const [params] = useSearchParams();
  const [dialog, setDialog] = useState<Dialog>(null);
  const update = useUpdateProduct();
  const canWrite = can('billing:write') && !product.deletedAt;
  const close = () => {
    setDialog(null);
    update.reset();
  };
  const restore = () =>
    update.mutate({ id: product.id, active: true }, { onSuccess: () => notifications.show({ color: 'green', message: `${product.name} was restored.` }) });

  const actions = canWrite && (
    <>
      <Button variant="default" onClick={() => setDialog({ kind: 'edit' })}>
        Edit
      </Button>
      {product.active ? (
        <>
          <Button variant="default" onClick={() => setDialog({ kind: 'archive' })}>
            Archive
          </Button>
          <Button onClick={() => setDialog({ kind: 'add-price' })}>Add price</Button>
        </>
      ) : (
        <Button variant="default" loading={update.isPending} onClick={restore}>
          Restore
        </Button>
      )}
    </>
  );

  return (
    <>
      <PageHeader title={product.name} description={product.description ?? undefined} actions={actions} />
      <CheckoutReturn outcome={params.get('checkout')} />
      {dialog === null && <ProblemAlert error={update.error} />}
      <ProductFacts product={product} />
      <ProductPrices product={product} canWrite={canWrite && product.active} onAction={(kind, price) => setDialog({ kind, price })} />

      <Suspense fallback={null}>
        {dialog?.kind === 'edit' && <ProductFormModal product={product} onClose={close} onSaved={close} />}
        {dialog?.kind === 'add-price' && <PriceFormModal productId={product.id} onClose={close} />}
        {dialog?.kind === 'change' && <ChangePriceModal price={dialog.price} onClose={close} />}
        {dialog?.kind === 'archive-price' && <ArchivePriceModal price={dialog.price} onClose={close} />}
        {dialog?.kind === 'checkout' && <CheckoutLinkModal product={product} price={dialog.price} onClose={close} />}
        {dialog?.kind === 'archive' && (
          <ConfirmModal
            opened
            title="Archive product"
            message={`Archive ${product.name}? Its prices are archived in Stripe too, so nobody can buy it any more; subscriptions already running go on. You can restore the product later and add new prices.`}
            confirmLabel="Archive"
            loading={update.isPending}
            error={update.error}
            onConfirm={() =>
              update.mutate(
                { id: product.id, active: false },
                {
                  onSuccess: () => {
                    notifications.show({ color: 'green', message: `${product.name} was archived.` });
                    close();
                  },
                },
              )
            }
            onClose={close}
          />
        )}
      </Suspense>
    </>
  );
}

/** Back from Stripe Checkout (the success and cancel URLs the link generator suggests point here). */
function CheckoutReturn({ outcome }: { outcome: string | null }) {
  if (outcome === 'success')
    return (
      <Alert color="green" title="Back from Stripe Checkout" mb="md" data-testid="checkout-returned">
        The payment went through on Stripe. The customer, payment and any subscription appear here once Stripe reports them.
      </Alert>
    );
  if (outcome === 'canceled')
    return (
      <Alert color="yellow" title="Checkout canceled" mb="md" data-testid="checkout-returned">
        The buyer left Stripe Checkout without paying; the link works again until it expires.
      </Alert>
    );
  return null;
}

function ProductFacts({ product }: { product: BillingProduct }) {
  const facts: [string, ReactNode][] = [
    ['Status', <ProductStatusBadge product={product} />],
    ['Stripe id', <Text ff="monospace" size="xs">{product.stripeId}</Text>],
    ['Updated in Stripe', <RelativeTime value={product.stripeUpdatedAt} />],
    [
      'Features',
      product.features.length ? (
        <List size="sm" data-testid="product-features">
          {product.features.map((feature) => (
            <List.Item key={feature}>{feature}</List.Item>
          ))}
        </List>
      ) : (
        'None listed'
      ),
    ],
  ];
  return (
    <Paper withBorder p="md" mb="lg">
      <FactGrid facts={facts} cols={3} />
    </Paper>
  );
}
