import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { isStripeNotConfigured } from '../../api/billing';
import { usePlatformPlans, useUpdatePlatformPlan, type PlatformPlan } from '../../api/platform-plans';
import { useSession } from '../../auth/use-session';
import { ConfirmMutationModal } from '../../components/confirm-mutation-modal';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { useFormat } from '../../components/use-format';
import { StripeNotConfigured } from '../billing/stripe-not-configured';
import { PlanLimitsText } from '../usage/plan-limits-text';
import { PlatformPlanCreateModal } from './platform-plan-create-modal';
import { PlatformPlanPriceModal } from './platform-plan-price-modal';

export function PlatformPlansPage() {
  const { can } = useSession();
  const format = useFormat();
  const canWrite = can('platform.billing:write');
  const plans = usePlatformPlans(null);
  const update = useUpdatePlatformPlan();
  const [creating, setCreating] = useState(false);
  const [pricing, setPricing] = useState<PlatformPlan | null>(null);
  const [archiving, setArchiving] = useState<PlatformPlan | null>(null);

  return (
    <>
      <PageHeader
        title="Plans for tenants"
        description="What the platform sells to businesses: each plan grants a plan's limits, billed monthly or annually on the platform's Stripe account."
        actions={canWrite ? <Button onClick={() => setCreating(true)}>New plan</Button> : undefined}
      />
      {isStripeNotConfigured(plans.error) ? (
        <StripeNotConfigured />
      ) : (
        <PagedTable
          query={plans}
          minWidth={960}
          empty={<EmptyList title="No plans yet" description="Create a plan to let businesses subscribe to it." />}
          head={
            <>
              <Table.Th>Plan</Table.Th>
              <Table.Th>Grants</Table.Th>
              <Table.Th>Prices</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th aria-label="Actions" />
            </>
          }
          row={(plan: PlatformPlan) => (
            <Table.Tr key={plan.id} data-testid="platform-plan-row">
              <Table.Td>
                <Text fw={600}>{plan.name}</Text>
                {plan.features.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {plan.features.join(' · ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge tt="capitalize" variant="light">
                  {plan.planKey}
                </Badge>
                <PlanLimitsText limits={plan.limits} />
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  {plan.prices.filter((p) => p.active).map((price) => (
                    <Text key={price.id} size="sm">
                      {format.money(price.unitAmount, price.currency)} / {price.interval === 'month' ? 'month' : 'year'}
                    </Text>
                  ))}
                  {!plan.prices.some((p) => p.active) && <Text size="sm" c="dimmed">No active price</Text>}
                </Stack>
              </Table.Td>
              <Table.Td>{plan.active ? <Badge color="green" variant="light">On sale</Badge> : <Badge color="gray" variant="light">Archived</Badge>}</Table.Td>
              <Table.Td>
                {canWrite && plan.active && (
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="light" onClick={() => setPricing(plan)} aria-label={`Change price of ${plan.name}`}>
                      Change price
                    </Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => setArchiving(plan)} aria-label={`Archive ${plan.name}`}>
                      Archive
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          )}
        />
      )}
      {creating && <PlatformPlanCreateModal onClose={() => setCreating(false)} />}
      {pricing && <PlatformPlanPriceModal plan={pricing} onClose={() => setPricing(null)} />}
      <ConfirmMutationModal
        target={archiving}
        mutation={update}
        variables={(plan) => ({ id: plan.id, active: false })}
        title="Archive plan"
        message={(plan) => `Archive ${plan.name}? It and its prices can no longer be bought; running subscriptions go on.`}
        confirmLabel="Archive"
        success={(plan) => `${plan.name} archived.`}
        onClose={() => setArchiving(null)}
      />
    </>
  );
}
