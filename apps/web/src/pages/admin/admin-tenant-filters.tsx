import { Group, Select, TextInput } from '@mantine/core';
import type { TenantPlan, TenantStatus } from '@app/api-client';
import type { AdminTenantFilters } from '../../api/admin-tenants';
import { PLANS } from './plans';

const STATUSES: TenantStatus[] = ['pending', 'active', 'suspended', 'rejected'];

interface Props {
  search: string;
  onSearch: (value: string) => void;
  filters: AdminTenantFilters;
  onChange: (filters: AdminTenantFilters) => void;
}

export function AdminTenantFiltersBar({ search, onSearch, filters, onChange }: Props) {
  return (
    <Group mb="md" align="flex-end">
      <TextInput label="Search" placeholder="Name, slug or owner email" value={search} onChange={(e) => onSearch(e.currentTarget.value)} w={260} />
      <Select
        label="Status"
        placeholder="Any status"
        clearable
        data={STATUSES}
        value={filters.status}
        onChange={(status) => onChange({ ...filters, status: status as TenantStatus | null })}
        w={160}
      />
      <Select
        label="Plan"
        placeholder="Any plan"
        clearable
        data={PLANS}
        value={filters.plan}
        onChange={(plan) => onChange({ ...filters, plan: plan as TenantPlan | null })}
        w={150}
      />
      <TextInput label="Created from" type="date" value={filters.createdFrom ?? ''} onChange={(e) => onChange({ ...filters, createdFrom: e.currentTarget.value || null })} w={160} />
      <TextInput label="Created to" type="date" value={filters.createdTo ?? ''} onChange={(e) => onChange({ ...filters, createdTo: e.currentTarget.value || null })} w={160} />
    </Group>
  );
}
