import { Button, Group, Modal, NumberInput, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useBulkOperation, useStartBulkOperation, useUsableCoupons, type BulkSubscriptionAction, type BulkSubscriptionsRequest } from '../../api/billing-bulk';
import { useAttemptKey } from '../../api/use-attempt-key';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormat } from '../../components/use-format';
import { BulkOperationProgress } from './bulk-operation-progress';

const COPY: Record<BulkSubscriptionAction, { title: string; confirm: string; intro: string }> = {
  cancel_at_period_end: { title: 'Cancel at period end', confirm: 'Cancel at period end', intro: 'Each subscription ends when its current period ends; until then it can be undone.' },
  apply_coupon: { title: 'Apply a coupon', confirm: 'Apply coupon', intro: 'The coupon replaces each subscription\'s discount from its next invoice.' },
  extend: { title: 'Extend', confirm: 'Extend', intro: 'Each trial end or next billing date moves this many days later; nothing is charged until then.' },
};

interface BulkSubscriptionsModalProps {
  action: BulkSubscriptionAction;
  /** The selected subscriptions: their ids and how to name them in the results. */
  labels: ReadonlyMap<string, string>;
  onClose: () => void;
}

/**
 * One bulk action on the selected subscriptions: its inputs (coupon, days, reason), then the operation's
 * progress, polled until done, with the result of each subscription. Mounted while open: one opening is
 * one attempt with its own Idempotency-Key, so sending again after an error queues one operation.
 */
export function BulkSubscriptionsModal({ action, labels, onClose }: BulkSubscriptionsModalProps) {
  const copy = COPY[action];
  const format = useFormat();
  const [couponId, setCouponId] = useState<string | null>(null);
  const [days, setDays] = useState<number | string>(30);
  const [reason, setReason] = useState('');
  const coupons = useUsableCoupons(action === 'apply_coupon');
  const start = useStartBulkOperation();
  const progress = useBulkOperation(start.data?.id ?? null);
  const validDays = typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 730;
  const body: BulkSubscriptionsRequest | null =
    action === 'apply_coupon' && !couponId
      ? null
      : action === 'extend' && !validDays
        ? null
        : {
            action,
            subscriptionIds: [...labels.keys()],
            ...(action === 'apply_coupon' ? { couponId: couponId! } : {}),
            ...(action === 'extend' ? { days: days as number } : {}),
            ...(reason.trim() ? { reason: reason.trim() } : {}),
          };
  const idempotencyKey = useAttemptKey(body);
  const started = start.data !== undefined;
  const done = progress.data?.status === 'done';
  const couponOptions = (coupons.data?.data ?? []).filter((c) => c.usable).map((c) => ({ value: c.id, label: `${c.name ?? c.stripeId} (${c.percentOff !== null ? `${c.percentOff}%` : format.money(c.amountOff ?? 0, c.currency ?? undefined)} off, ${c.duration})` }));
  return (
    <Modal opened onClose={onClose} title={`${copy.title}: ${labels.size} subscription(s)`} centered size="lg" closeOnClickOutside={!started || done}>
      {started ? (
        <Stack>
          <BulkOperationProgress operation={progress.data} error={progress.error} labels={labels} />
          <Group justify="flex-end">
            <Button variant={done ? 'filled' : 'default'} onClick={onClose}>
              {done ? 'Done' : 'Close (keeps running)'}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text size="sm">{copy.intro}</Text>
          {action === 'apply_coupon' && (
            <Select
              label="Coupon"
              placeholder={coupons.isLoading ? 'Loading coupons…' : couponOptions.length ? 'Choose a coupon' : 'No usable coupon'}
              data={couponOptions}
              value={couponId}
              onChange={setCouponId}
              disabled={coupons.isLoading || couponOptions.length === 0}
              searchable
            />
          )}
          {action === 'apply_coupon' && <ProblemAlert error={coupons.error} />}
          {action === 'extend' && <NumberInput label="Days" min={1} max={730} allowDecimal={false} value={days} onChange={setDays} error={validDays ? undefined : 'From 1 to 730 days.'} />}
          <Textarea label="Reason" description={action === 'cancel_at_period_end' ? 'Sent to Stripe as the cancellation comment' : 'Kept with the operation'} maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <ProblemAlert error={start.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={start.isPending}>
              Close
            </Button>
            <Button color={action === 'cancel_at_period_end' ? 'red' : undefined} disabled={!body} loading={start.isPending} onClick={() => body && start.mutate({ body, idempotencyKey })}>
              {copy.confirm}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
