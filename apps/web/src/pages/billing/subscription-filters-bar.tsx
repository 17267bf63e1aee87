import { Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { BILLING_INTERVALS, SUBSCRIPTION_STATUSES, type BillingInterval, type SubscriptionFilters } from '../../api/billing-subscriptions';
import { DebouncedSearch } from '../../components/debounced-search';
import { INTERVAL_LABELS, SUBSCRIPTION_STATUS_LABELS } from './subscription-filters';

/** The API's bound on the search (SubscriptionQueryDto). */
const SEARCH_MAX = 200;

const CANCEL_OPTIONS = [
  { value: 'true', label: 'Cancels at period end' },
  { value: 'false', label: 'Renews' },
];

export function SubscriptionFiltersBar({ filters, onChange }: { filters: SubscriptionFilters; onChange: (filters: SubscriptionFilters) => void }) {
  const set = <K extends keyof SubscriptionFilters>(key: K, value: SubscriptionFilters[K]) => onChange({ ...filters, [key]: value });
  return (
    <Group mb="md" align="flex-end">
      <DebouncedSearch
        label="Customer"
        placeholder="Name or email"
        maxLength={SEARCH_MAX}
        value={filters.search}
        onChange={(search) => set('search', search)}
        w={240}
      />
      <MultiSelect
        label="Status"
        placeholder={filters.status.length ? undefined : 'Any status'}
        data={SUBSCRIPTION_STATUSES.map((value) => ({ value, label: SUBSCRIPTION_STATUS_LABELS[value] }))}
        value={filters.status}
        onChange={(values) => set('status', SUBSCRIPTION_STATUSES.filter((status) => values.includes(status)))}
        clearable
        w={280}
      />
      <Select
        label="Interval"
        placeholder="Any interval"
        data={BILLING_INTERVALS.map((value) => ({ value, label: INTERVAL_LABELS[value] }))}
        value={filters.interval}
        onChange={(value) => set('interval', (value as BillingInterval | null) ?? null)}
        clearable
        w={150}
      />
      <TextInput label="Renews from" type="date" value={filters.renewsFrom ?? ''} onChange={(e) => set('renewsFrom', e.currentTarget.value || null)} w={160} />
      <TextInput label="Renews to" type="date" value={filters.renewsTo ?? ''} onChange={(e) => set('renewsTo', e.currentTarget.value || null)} w={160} />
      <Select
        label="Cancellation"
        placeholder="Any"
        data={CANCEL_OPTIONS}
        value={filters.cancelAtPeriodEnd === null ? null : String(filters.cancelAtPeriodEnd)}
        onChange={(value) => set('cancelAtPeriodEnd', value === null ? null : value === 'true')}
        clearable
        w={200}
      />
    </Group>
  );
}
