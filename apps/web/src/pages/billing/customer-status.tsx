import { Badge } from '@mantine/core';
import type { BillingCustomer } from '../../api/billing';

/** A customer's Stripe-side standing: deleted in Stripe, payment overdue (delinquent) or in good standing. */
export function CustomerStatus({ customer }: { customer: Pick<BillingCustomer, 'deletedAt' | 'delinquent'> }) {
  if (customer.deletedAt) return <Badge color="gray" variant="light">Deleted in Stripe</Badge>;
  return customer.delinquent ? <Badge color="red" variant="light">Payment overdue</Badge> : <Badge color="green" variant="light">In good standing</Badge>;
}
