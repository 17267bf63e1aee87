import { Button, Group, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { ALL_STRIPE_EVENTS, STRIPE_EVENT_STATUSES, useStripeEvents, type StripeEventFilters, type StripeEventSummary } from '../../api/stripe-events';
import { useSession } from '../../auth/use-session';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status-badge';
import { StatusFilter } from '../../components/status-filter';
import { StripeEventDrawer } from './stripe-event-drawer';
import { TenantRef } from './tenant-ref';

const EVENT_TYPE = /^[a-z_.]{1,100}$/;
const ACCOUNT = /^acct_[A-Za-z0-9]{1,95}$/;
/** True when a typed filter can be sent (empty, or whole as the API takes it). */
const ready = (value: string, pattern: RegExp) => value === '' || pattern.test(value);

export function StripeEventsPage() {
  const { can } = useSession();
  const [filters, setFilters] = useState<StripeEventFilters>(ALL_STRIPE_EVENTS);
  // Typing waits for a pause; a half-typed type or account (flagged on its input) is not sent.
  const [typed] = useDebouncedValue(filters, 300);
  const applied = { ...typed, type: ready(typed.type, EVENT_TYPE) ? typed.type : '', account: ready(typed.account, ACCOUNT) ? typed.account : '' };
  const events = useStripeEvents(applied);
  const [openId, setOpenId] = useState<string | null>(null);
  const set = <K extends keyof StripeEventFilters>(key: K, value: StripeEventFilters[K]) => setFilters({ ...filters, [key]: value });
  const filtered = applied.status !== null || applied.type !== '' || applied.account !== '';

  return (
    <>
      <PageHeader title="Stripe events" description="Every event Stripe sent us, for every business: what was done with it, and a replay when processing failed." />
      <StatusFilter label="Filter Stripe events by status" statuses={STRIPE_EVENT_STATUSES} value={filters.status} onChange={(status) => set('status', status)} />
      <Group mb="md" align="flex-start">
        <TextInput
          label="Event type"
          placeholder="e.g. invoice.paid"
          value={filters.type}
          error={ready(filters.type, EVENT_TYPE) ? undefined : 'A Stripe event type: lower-case letters, dots and underscores'}
          onChange={(e) => set('type', e.currentTarget.value.trim().toLowerCase())}
          w={240}
        />
        <TextInput
          label="Account"
          placeholder="acct_…"
          value={filters.account}
          error={ready(filters.account, ACCOUNT) ? undefined : 'A whole Stripe account id (acct_…)'}
          onChange={(e) => set('account', e.currentTarget.value.trim())}
          w={280}
        />
      </Group>
      <PagedTable
        query={events}
        minWidth={1000}
        empty={<EmptyList title={filtered ? 'No Stripe event matches these filters' : 'No Stripe events yet'} description="Events appear here as Stripe delivers them to the webhook." />}
        head={
          <>
            <Table.Th>Received</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Account</Table.Th>
            <Table.Th>Tenant</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Attempts</Table.Th>
            <Table.Th>Last error</Table.Th>
            <Table.Th aria-label="Details" />
          </>
        }
        row={(event: StripeEventSummary) => (
          <Table.Tr key={event.id} data-testid="stripe-event-row" style={{ cursor: 'pointer' }} onClick={() => setOpenId(event.id)}>
            <Table.Td>
              <RelativeTime value={event.receivedAt} />
            </Table.Td>
            <Table.Td ff="monospace" fz="sm">
              {event.type}
            </Table.Td>
            <Table.Td ff="monospace" fz="xs">
              {event.account ?? 'Platform'}
            </Table.Td>
            <Table.Td>
              <TenantRef tenantId={event.tenantId} tenantName={null} />
            </Table.Td>
            <Table.Td>
              <StatusBadge status={event.status} />
            </Table.Td>
            <Table.Td>{event.attempts}</Table.Td>
            <Table.Td maw={280}>
              <Text size="sm" lineClamp={2} title={event.lastError ?? undefined}>
                {event.lastError ?? '—'}
              </Text>
            </Table.Td>
            <Table.Td>
              {/* The row opens on a click; this is the way there for the keyboard and screen readers. */}
              <Button size="xs" variant="subtle" aria-label={`Details of ${event.type} ${event.stripeEventId}`} onClick={() => setOpenId(event.id)}>
                Details
              </Button>
            </Table.Td>
          </Table.Tr>
        )}
      />
      <StripeEventDrawer id={openId} canReplay={can('platform.billing:write')} onClose={() => setOpenId(null)} />
    </>
  );
}
