import { Anchor, Button, Paper, Table, Text, Title } from '@mantine/core';
import { Suspense, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useBillingCoupon, useDeactivateCoupon, useSetPromotionCodeActive, type BillingCouponDetail, type PromotionCode } from '../../api/billing-coupons';
import { useAttemptKey } from '../../api/use-attempt-key';
import { useSession } from '../../auth/use-session';
import { ConfirmMutationModal } from '../../components/confirm-mutation-modal';
import { EmptyList } from '../../components/empty-list';
import { FactGrid } from '../../components/fact-grid';
import { lazyComponent } from '../../components/lazy-component';
import { ListTable } from '../../components/list-table';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';
import { couponDiscount, couponDuration, couponState } from './coupon-terms';
import { BillingErrorState } from './stripe-not-configured';

const PromotionCodeFormModal = lazyComponent(() => import('./promotion-code-form-modal'), 'PromotionCodeFormModal');

export function CouponPage() {
  const { id = '' } = useParams();
  const coupon = useBillingCoupon(id);
  return (
    <>
      <Anchor component={Link} to="/billing/coupons" size="sm">
        ← Coupons
      </Anchor>
      {coupon.isPending && <LoadingState />}
      {coupon.isError && <BillingErrorState error={coupon.error} onRetry={() => coupon.refetch()} />}
      {coupon.isSuccess && <CouponView coupon={coupon.data} />}
    </>
  );
}

function CouponView({ coupon }: { coupon: BillingCouponDetail }) {
  const { can } = useSession();
  const format = useFormat();
  const [dialog, setDialog] = useState<'code' | 'deactivate' | null>(null);
  const deactivate = useDeactivateCoupon();
  const deactivateKey = useAttemptKey(dialog === 'deactivate' ? coupon.id : null);
  const canWrite = can('billing:write');
  const state = couponState(coupon);
  const actions = canWrite && state !== 'deactivated' && (
    <>
      {coupon.usable && <Button onClick={() => setDialog('code')}>New promotion code</Button>}
      <Button variant="default" color="red" onClick={() => setDialog('deactivate')}>
        Deactivate
      </Button>
    </>
  );
  const facts: [string, ReactNode][] = [
    ['Status', <StatusBadge status={state} />],
    ['Discount', couponDiscount(coupon, format)],
    ['Duration', couponDuration(coupon)],
    ['Redemptions', `${coupon.timesRedeemed}${coupon.maxRedemptions !== null ? ` of ${coupon.maxRedemptions}` : ''} (${coupon.promotionCodeRedemptions} through promotion codes)`],
    ['Redeem by', format.dateTime(coupon.redeemBy)],
    ['Restricted to', coupon.appliesToProducts?.length ? coupon.appliesToProducts.join(', ') : 'Every product'],
    ['Stripe id', <Text ff="monospace" size="xs">{coupon.stripeId}</Text>],
    ['Created', format.dateTime(coupon.createdAt)],
  ];
  return (
    <>
      <PageHeader title={coupon.name ?? coupon.stripeId} description="A coupon's terms are fixed once created; deactivate it and create another to change them." actions={actions} />
      <Paper withBorder p="md" mb="lg">
        <FactGrid facts={facts} />
      </Paper>
      <RevenueAffected coupon={coupon} />
      <PromotionCodes coupon={coupon} canWrite={canWrite && state !== 'deactivated'} />
      <Suspense fallback={null}>{dialog === 'code' && <PromotionCodeFormModal coupon={coupon} onClose={() => setDialog(null)} />}</Suspense>
      <ConfirmMutationModal
        target={dialog === 'deactivate' ? coupon : null}
        mutation={deactivate}
        variables={(target) => ({ id: target.id, idempotencyKey: deactivateKey })}
        title="Deactivate coupon"
        message={(target) =>
          target.timesRedeemed > 0
            ? `${target.name ?? target.stripeId} was redeemed ${target.timesRedeemed} times, so it stays in Stripe (its redemptions stay on invoices): its promotion codes are turned off and it can no longer be applied or get new codes. Discounts already given go on.`
            : `${target.name ?? target.stripeId} was never redeemed: it is deleted in Stripe and can no longer be used.`
        }
        confirmLabel="Deactivate"
        success={(target) => `${target.name ?? target.stripeId} was deactivated.`}
        onClose={() => setDialog(null)}
      />
    </>
  );
}

function RevenueAffected({ coupon }: { coupon: BillingCouponDetail }) {
  const format = useFormat();
  if (!coupon.revenueAffected.length) return null;
  return (
    <Paper withBorder p="md" mb="lg" data-testid="coupon-revenue">
      <Title order={3} size="h5" mb="xs">
        Revenue affected now
      </Title>
      {coupon.revenueAffected.map((r) => (
        <Text size="sm" key={r.currency}>
          {r.subscriptions} subscription{r.subscriptions === 1 ? '' : 's'}: MRR {format.money(r.mrr, r.currency)} of {format.money(r.mrrBeforeDiscounts, r.currency)} before discounts (
          {format.money(r.monthlyDiscount, r.currency)} off a month)
        </Text>
      ))}
    </Paper>
  );
}

function PromotionCodes({ coupon, canWrite }: { coupon: BillingCouponDetail; canWrite: boolean }) {
  const format = useFormat();
  const toggle = useSetPromotionCodeActive();
  const [target, setTarget] = useState<PromotionCode | null>(null);
  const key = useAttemptKey(target ? [target.id, !target.active] : null);
  return (
    <>
      <Title order={2} size="h4" mb="sm">
        Promotion codes
      </Title>
      {target === null && <ProblemAlert error={toggle.error} />}
      {coupon.promotionCodes.length === 0 ? (
        <EmptyList title="No promotion codes" description="A promotion code is what customers type at checkout to get this coupon, with its own limits." />
      ) : (
        <ListTable
          minWidth={760}
          columns={
            <>
              <Table.Th>Code</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Redemptions</Table.Th>
              <Table.Th>Expires</Table.Th>
              <Table.Th>Conditions</Table.Th>
              {canWrite && <Table.Th />}
            </>
          }
        >
          {coupon.promotionCodes.map((code) => (
            <Table.Tr key={code.id} data-testid="promotion-code-row">
              <Table.Td>
                <Text ff="monospace" size="sm">
                  {code.code}
                </Text>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={code.active ? 'active' : 'inactive'} />
              </Table.Td>
              <Table.Td>
                {code.timesRedeemed}
                {code.maxRedemptions !== null && ` of ${code.maxRedemptions}`}
              </Table.Td>
              <Table.Td>{format.dateTime(code.expiresAt)}</Table.Td>
              <Table.Td>
                {[code.firstTimeTransaction && 'First-time customers', code.minimumAmount !== null && `Orders from ${format.money(code.minimumAmount, code.minimumAmountCurrency ?? undefined)}`]
                  .filter(Boolean)
                  .join(', ') || 'None'}
              </Table.Td>
              {canWrite && (
                <Table.Td>
                  {(code.active || coupon.usable) && (
                    <Button size="xs" variant="default" onClick={() => setTarget(code)}>
                      {code.active ? 'Deactivate' : 'Activate'}
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <ConfirmMutationModal
        target={target}
        mutation={toggle}
        variables={(code) => ({ id: code.id, active: !code.active, idempotencyKey: key })}
        title={target?.active ? 'Deactivate promotion code' : 'Activate promotion code'}
        message={(code) => (code.active ? `Customers can no longer use ${code.code}. You can turn it on again later.` : `Customers can use ${code.code} again, within its limits.`)}
        confirmLabel={target?.active ? 'Deactivate' : 'Activate'}
        danger={Boolean(target?.active)}
        success={(code) => `${code.code} was ${code.active ? 'deactivated' : 'activated'}.`}
        onClose={() => setTarget(null)}
      />
    </>
  );
}
