import { Alert, Text } from '@mantine/core';
import { isStripeNotConfigured } from '../../api/billing';
import { ErrorState } from '../../components/error-state';

/** What every billing page shows when the server has no Stripe key (the `stripe-not-configured` problem). */
export function StripeNotConfigured() {
  return (
    <Alert color="yellow" title="Billing is turned off on this server" data-testid="stripe-not-configured">
      <Text size="sm">
        This server has no Stripe key, so nothing can be sold or paid here yet. Whoever runs the server turns billing on by setting
        STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET. Everything else in the back office works as usual.
      </Text>
    </Alert>
  );
}

/** The error of a billing request: the notice above for `stripe-not-configured`, the problem with a retry otherwise. */
export function BillingErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return isStripeNotConfigured(error) ? <StripeNotConfigured /> : <ErrorState error={error} onRetry={onRetry} />;
}
