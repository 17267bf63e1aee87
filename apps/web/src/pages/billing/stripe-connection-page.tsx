import { Alert, Badge, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useCreateOnboardingLink, useStripeConnection, type StripeConnection } from '../../api/billing';
import { useSession } from '../../auth/use-session';
import { FactGrid } from '../../components/fact-grid';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import { RelativeTime } from '../../components/relative-time';
import { BillingErrorState } from './stripe-not-configured';

const yesNo = (value: boolean, yes: string, no: string) => (
  <Badge color={value ? 'green' : 'gray'} variant="light">
    {value ? yes : no}
  </Badge>
);

/** Stripe's requirement keys (`individual.verification.document`) as words. */
const requirement = (key: string) => key.replace(/[._]/g, ' ');

function onboardingLabel(connection: StripeConnection): string {
  if (!connection.connected) return 'Connect with Stripe';
  if (!connection.detailsSubmitted || connection.currentlyDue.length > 0) return 'Continue onboarding on Stripe';
  return 'Update details on Stripe';
}

export function StripeConnectionPage() {
  const { can } = useSession();
  const [params] = useSearchParams();
  const returned = params.has('return');
  const expired = params.has('refresh');
  // Back from Stripe's onboarding: Stripe reports the account (account.updated) a moment later.
  const connection = useStripeConnection({ poll: returned });
  const onboarding = useCreateOnboardingLink();
  const canWrite = can('billing:write');

  const startOnboarding = () =>
    onboarding.mutate(undefined, {
      // The link works once and expires in minutes: go there at once.
      onSuccess: (link) => window.location.assign(link.url),
    });

  return (
    <>
      <PageHeader title="Stripe connection" description="Payments from your customers go to your own Stripe account. Connect it here and finish Stripe's onboarding to take payments." />
      {connection.isPending && <LoadingState />}
      {connection.isError && <BillingErrorState error={connection.error} onRetry={() => connection.refetch()} />}
      {connection.isSuccess && (
        <Stack>
          {returned && !connection.data.chargesEnabled && (
            <Alert color="blue" title="Back from Stripe" data-testid="onboarding-returned">
              Stripe tells us about your account in a moment; this page updates by itself. If Stripe still needs something, continue the onboarding.
            </Alert>
          )}
          {expired && (
            <Alert color="yellow" title="The onboarding link expired" data-testid="onboarding-expired">
              Stripe's links work once and only for a few minutes. {canWrite ? 'Get a new one to carry on where you left off.' : 'Someone who may change billing can get a new one.'}
            </Alert>
          )}
          <ConnectionCard connection={connection.data} />
          {canWrite && (
            <Group>
              <Button onClick={startOnboarding} loading={onboarding.isPending || onboarding.isSuccess}>
                {expired ? 'Get a new onboarding link' : onboardingLabel(connection.data)}
              </Button>
            </Group>
          )}
          {onboarding.error !== null && <ProblemAlert error={onboarding.error} />}
        </Stack>
      )}
    </>
  );
}

function ConnectionCard({ connection }: { connection: StripeConnection }) {
  const facts: [string, ReactNode][] = [
    ['Account', connection.accountId ? <Text ff="monospace" size="sm">{connection.accountId}</Text> : 'Not connected yet'],
    ['Charges', yesNo(connection.chargesEnabled, 'Enabled', 'Not enabled')],
    ['Payouts', yesNo(connection.payoutsEnabled, 'Enabled', 'Not enabled')],
    ['Details', yesNo(connection.detailsSubmitted, 'Submitted', 'Not submitted')],
    ['Last reported by Stripe', <RelativeTime value={connection.updatedAt} empty="Not yet" />],
  ];
  return (
    <Card withBorder data-testid="stripe-connection">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4">
            {connection.connected ? 'Your Stripe account' : 'No Stripe account connected'}
          </Title>
          {connection.chargesEnabled ? (
            <Badge color="green" data-testid="connection-state">Taking payments</Badge>
          ) : (
            <Badge color="yellow" data-testid="connection-state">{connection.connected ? 'Onboarding not finished' : 'Not connected'}</Badge>
          )}
        </Group>
        <FactGrid facts={facts} cols={3} />
        {connection.currentlyDue.length > 0 && (
          <div data-testid="currently-due">
            <Text size="sm" fw={600}>
              Stripe still needs
            </Text>
            <List size="sm">
              {connection.currentlyDue.map((key) => (
                <List.Item key={key}>{requirement(key)}</List.Item>
              ))}
            </List>
          </div>
        )}
      </Stack>
    </Card>
  );
}
