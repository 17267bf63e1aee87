import { Group, Select, TextInput } from '@mantine/core';
import { DEAD_LETTER_STATUSES, QUEUES, type DeadLetterFilters, type Queue } from '../../api/dead-letters';
import { StatusFilter } from '../../components/status-filter';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when the typed tenant id can be sent (empty, or a whole UUID). */
export const tenantIdReady = (tenantId: string) => tenantId === '' || UUID.test(tenantId);

interface Props {
  filters: DeadLetterFilters;
  onChange: (filters: DeadLetterFilters) => void;
}

export function DeadLetterFiltersBar({ filters, onChange }: Props) {
  const set = <K extends keyof DeadLetterFilters>(key: K, value: DeadLetterFilters[K]) => onChange({ ...filters, [key]: value });
  return (
    <>
      <StatusFilter label="Filter dead letters by status" statuses={DEAD_LETTER_STATUSES} value={filters.status} onChange={(status) => set('status', status)} />
      <Group mb="md" align="flex-start">
        <Select label="Queue" placeholder="Any queue" clearable data={QUEUES} value={filters.queue} onChange={(queue) => set('queue', queue as Queue | null)} w={160} />
        <TextInput label="Job name" placeholder="e.g. email.send" value={filters.jobName} onChange={(e) => set('jobName', e.currentTarget.value.trim().toLowerCase())} w={200} />
        <TextInput
          label="Tenant id"
          placeholder="UUID"
          value={filters.tenantId}
          error={tenantIdReady(filters.tenantId) ? undefined : 'Enter a whole tenant id (UUID)'}
          onChange={(e) => set('tenantId', e.currentTarget.value.trim())}
          w={320}
        />
      </Group>
    </>
  );
}
