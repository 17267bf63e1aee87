import { Anchor, Button, Table, Text } from '@mantine/core';
import { Suspense, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isStripeNotConfigured } from '../../api/billing';
import { useBillingCoupons, type BillingCoupon, type CouponValidity } from '../../api/billing-coupons';
import { useSession } from '../../auth/use-session';
import { EmptyList } from '../../components/empty-list';
import { lazyComponent } from '../../components/lazy-component';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { StatusBadge } from '../../components/status-badge';
import { StatusFilter } from '../../components/status-filter';
import { useFormat } from '../../components/use-format';
import { oneOfParam, useUrlFilters } from '../../components/use-url-filters';
import { couponDiscount, couponDuration, couponState } from './coupon-terms';
import { StripeNotConfigured } from './stripe-not-configured';

const CouponFormModal = lazyComponent(() => import('./coupon-form-modal'), 'CouponFormModal');

const VALIDITIES = ['valid', 'invalid'] as const;
const parseFilters = (params: URLSearchParams): { validity: CouponValidity } => ({ validity: oneOfParam(params, 'valid', VALIDITIES) });
const serializeFilters = (filters: { validity: CouponValidity }) => ({ valid: filters.validity });

export function CouponsPage() {
  const { can } = useSession();
  const navigate = useNavigate();
  const format = useFormat();
  const [filters, setFilters] = useUrlFilters(parseFilters, serializeFilters);
  const [creating, setCreating] = useState(false);
  const coupons = useBillingCoupons(filters.validity);
  const canWrite = can('billing:write');
  return (
    <>
      <PageHeader
        title="Coupons"
        description="Discounts for subscriptions and Checkout, and the promotion codes customers type to get them."
        actions={canWrite && !isStripeNotConfigured(coupons.error) && <Button onClick={() => setCreating(true)}>New coupon</Button>}
      />
      {isStripeNotConfigured(coupons.error) ? (
        <StripeNotConfigured />
      ) : (
        <>
          <StatusFilter statuses={VALIDITIES} value={filters.validity} onChange={(validity) => setFilters({ validity })} label="Filter coupons by validity" />
          <PagedTable
            query={coupons}
            minWidth={820}
            empty={
              filters.validity ? (
                <EmptyList title={`No ${filters.validity} coupon`} description="Try another filter." />
              ) : (
                <EmptyList title="No coupons yet" description="Create one to give a percentage or an amount off, then promotion codes for customers to type." />
              )
            }
            head={
              <>
                <Table.Th>Name</Table.Th>
                <Table.Th>Discount</Table.Th>
                <Table.Th>Duration</Table.Th>
                <Table.Th>Redemptions</Table.Th>
                <Table.Th>Redeem by</Table.Th>
                <Table.Th>Status</Table.Th>
              </>
            }
            row={(coupon: BillingCoupon) => (
              <Table.Tr key={coupon.id} data-testid="coupon-row" style={{ cursor: 'pointer' }} onClick={() => navigate(`/billing/coupons/${coupon.id}`)}>
                <Table.Td>
                  <Anchor component={Link} to={`/billing/coupons/${coupon.id}`} size="sm" onClick={(e) => e.stopPropagation()}>
                    {coupon.name ?? coupon.stripeId}
                  </Anchor>
                </Table.Td>
                <Table.Td>{couponDiscount(coupon, format)}</Table.Td>
                <Table.Td>{couponDuration(coupon)}</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {coupon.timesRedeemed}
                    {coupon.maxRedemptions !== null && ` of ${coupon.maxRedemptions}`}
                  </Text>
                </Table.Td>
                <Table.Td>{format.date(coupon.redeemBy)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={couponState(coupon)} />
                </Table.Td>
              </Table.Tr>
            )}
          />
        </>
      )}
      <Suspense fallback={null}>
        {creating && (
          <CouponFormModal
            onClose={() => setCreating(false)}
            onCreated={(coupon) => {
              setCreating(false);
              navigate(`/billing/coupons/${coupon.id}`);
            }}
          />
        )}
      </Suspense>
    </>
  );
}
