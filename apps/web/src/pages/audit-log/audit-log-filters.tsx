import { Group, TextInput } from '@mantine/core';
import type { AuditLogFilters } from '../../api/audit-logs';
import { AuditActorSelect } from './audit-actor-select';

interface Props {
  filters: AuditLogFilters;
  onChange: (filters: AuditLogFilters) => void;
}

export function AuditLogFiltersBar({ filters, onChange }: Props) {
  const set = <K extends keyof AuditLogFilters>(key: K, value: AuditLogFilters[K]) => onChange({ ...filters, [key]: value });
  return (
    <Group mb="md" align="flex-end">
      <TextInput label="Action" placeholder="e.g. member.* or role.updated" value={filters.action} onChange={(e) => set('action', e.currentTarget.value.trim())} w={220} />
      <AuditActorSelect value={filters.actorId} onChange={(actorId) => set('actorId', actorId)} />
      <TextInput label="Entity type" placeholder="e.g. role" value={filters.entityType} onChange={(e) => set('entityType', e.currentTarget.value.trim())} w={150} />
      <TextInput label="Entity id" value={filters.entityId} onChange={(e) => set('entityId', e.currentTarget.value.trim())} w={200} />
      <TextInput label="From" type="date" value={filters.from ?? ''} onChange={(e) => set('from', e.currentTarget.value || null)} w={160} />
      <TextInput label="To" type="date" value={filters.to ?? ''} onChange={(e) => set('to', e.currentTarget.value || null)} w={160} />
    </Group>
  );
}
