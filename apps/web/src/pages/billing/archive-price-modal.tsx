import { notifications } from '@mantine/notifications';
import { useUpdatePrice, type BillingPrice } from '../../api/billing';
import { ConfirmModal } from '../../components/confirm-modal';
import { useFormat } from '../../components/use-format';
import { priceSummary } from './price-terms';

/** Archives a price in Stripe: nobody can buy it any more; subscriptions on it go on. */
export function ArchivePriceModal({ price, onClose }: { price: BillingPrice; onClose: () => void }) {
  const format = useFormat();
  const update = useUpdatePrice();
  const summary = priceSummary(price, format);
  return (
    <ConfirmModal
      opened
      title="Archive price"
      message={`Archive ${summary}? New checkouts cannot use it; subscriptions already on it keep paying it. Stripe does not let an archived price be changed.`}
      confirmLabel="Archive"
      loading={update.isPending}
      error={update.error}
      onConfirm={() =>
        update.mutate(
          { id: price.id, active: false },
          {
            onSuccess: () => {
              notifications.show({ color: 'green', message: `${summary} was archived.` });
              onClose();
            },
          },
        )
      }
      onClose={onClose}
    />
  );
}
