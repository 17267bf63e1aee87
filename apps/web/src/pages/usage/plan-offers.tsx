import { Badge, Button, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { isStripeNotConfigured } from '../../api/billing';
import { useOpenPlanPortal, useStartPlanCheckout, useTenantPlans, type PlatformPlan } from '../../api/platform-plans';
import { useSession } from '../../auth/use-session';
import { ErrorState } from '../../components/error-state';
import { LoadingState } from '../../components/loading-state';
import { ProblemAlert } from '../../components/problem-alert';
import { useFormat } from '../../components/use-format';
import { PlanLimitsText } from './plan-limits-text';

/** Where Stripe sends the browser back to: this page. */
const here = () => `${window.location.origin}/usage`;

/** The platform's plans on sale, with their limits: Checkout to subscribe, the billing portal once subscribed. */
export function PlanOffers() {
  const { can } = useSession();
  const format = useFormat();
  const plans = useTenantPlans();
  const checkout = useStartPlanCheckout();
  const portal = useOpenPlanPortal();
  const canChange = can('tenant:write');
  // Billing is off on this server: there is nothing to buy, and the usage above says it all.
  if (isStripeNotConfigured(plans.error)) return null;
  if (plans.isPending) return <LoadingState />;
  if (plans.isError) return <ErrorState error={plans.error} onRetry={() => plans.refetch()} />;
  const { subscription, currentPlan } = plans.data;
  const subscribed = subscription !== null && ['active', 'trialing', 'past_due'].includes(subscription.status);
  const go = (url: string) => window.location.assign(url);
  const buy = (priceId: string) => checkout.mutate({ priceId, successUrl: `${here()}?checkout=done`, cancelUrl: here() }, { onSuccess: (session) => go(session.url) });

  return (
    <Stack mt="xl" data-testid="plan-offers">
      <Group justify="space-between">
        <Title order={2} size="h3">
          Plans
        </Title>
        {subscribed && canChange && (
          <Button variant="light" loading={portal.isPending} onClick={() => portal.mutate({ returnUrl: here() }, { onSuccess: (session) => go(session.url) })}>
            Change plan
          </Button>
        )}
      </Group>
      {subscription && (
        <Text size="sm" c="dimmed" data-testid="plan-subscription">
          Subscription {subscription.status}
          {subscription.currentPeriodEnd && `, ${subscription.cancelAtPeriodEnd ? 'ends' : 'renews'} on ${format.day(subscription.currentPeriodEnd)}`}
        </Text>
      )}
      <ProblemAlert error={checkout.error ?? portal.error} />
      {plans.data.plans.length === 0 ? (
        <Text c="dimmed">No plans are on sale at the moment.</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {plans.data.plans.map((plan) => (
            <PlanCard key={plan.id} plan={plan} current={plan.planKey === currentPlan} canBuy={canChange && !subscribed} pending={checkout.isPending} onBuy={buy} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

interface PlanCardProps {
  plan: PlatformPlan;
  current: boolean;
  canBuy: boolean;
  pending: boolean;
  onBuy: (priceId: string) => void;
}

function PlanCard({ plan, current, canBuy, pending, onBuy }: PlanCardProps) {
  const format = useFormat();
  return (
    <Card withBorder data-testid="plan-card">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={700}>{plan.name}</Text>
          {current && <Badge>Your plan</Badge>}
        </Group>
        {plan.description && <Text size="sm">{plan.description}</Text>}
        <PlanLimitsText limits={plan.limits} />
        {plan.features.length > 0 && (
          <List size="sm">
            {plan.features.map((feature) => (
              <List.Item key={feature}>{feature}</List.Item>
            ))}
          </List>
        )}
        {plan.prices.map((price) => (
          <Group key={price.id} justify="space-between">
            <Text size="sm">
              {format.money(price.unitAmount, price.currency)} / {price.interval === 'month' ? 'month' : 'year'}
            </Text>
            {canBuy && !current && (
              <Button size="xs" loading={pending} onClick={() => onBuy(price.id)} aria-label={`Upgrade to ${plan.name}, ${price.interval === 'month' ? 'monthly' : 'annually'}`}>
                Upgrade
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
