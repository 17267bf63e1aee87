import { Badge } from '@mantine/core';
import type { BillingProduct } from '../../api/billing';

export function ProductStatusBadge({ product }: { product: Pick<BillingProduct, 'active' | 'deletedAt'> }) {
  if (product.deletedAt) return <Badge color="gray" variant="light" data-testid="product-status">Deleted in Stripe</Badge>;
  return (
    <Badge color={product.active ? 'green' : 'gray'} variant="light" data-testid="product-status">
      {product.active ? 'Active' : 'Archived'}
    </Badge>
  );
}
