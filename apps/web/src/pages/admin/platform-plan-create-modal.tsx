import { Button, Group, Modal, NumberInput, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import type { TenantPlan } from '@app/api-client';
import { useCreatePlatformPlan } from '../../api/platform-plans';
import { fieldErrors } from '../../api/problem';
import { ProblemAlert } from '../../components/problem-alert';
import { PLANS } from './plans';

/** Amounts are typed in major units and sent in minor units (two decimals: the currencies offered here). */
const toMinor = (major: number | '') => (major === '' ? null : Math.round(major * 100));

export function PlatformPlanCreateModal({ onClose }: { onClose: () => void }) {
  const create = useCreatePlatformPlan();
  const [form, setForm] = useState({ planKey: null as TenantPlan | null, name: '', description: '', features: '', currency: 'USD', monthly: '' as number | '', annual: '' as number | '' });
  const server = fieldErrors(create.error);
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => setForm({ ...form, [key]: value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!form.planKey || !form.name.trim()) return;
    const prices = [
      ...(toMinor(form.monthly) !== null ? [{ interval: 'month' as const, currency: form.currency, unitAmount: toMinor(form.monthly)! }] : []),
      ...(toMinor(form.annual) !== null ? [{ interval: 'year' as const, currency: form.currency, unitAmount: toMinor(form.annual)! }] : []),
    ];
    const features = form.features.split('\n').map((f) => f.trim()).filter(Boolean);
    create.mutate(
      { planKey: form.planKey, name: form.name.trim(), ...(form.description.trim() ? { description: form.description.trim() } : {}), features, prices },
      {
        onSuccess: (plan) => {
          notifications.show({ color: 'green', message: `Plan ${plan.name} created.` });
          onClose();
        },
      },
    );
  };

  return (
    <Modal opened onClose={onClose} title="New plan for tenants" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label="Grants the plan"
            description="Its limits are that plan's limits"
            required
            data={PLANS}
            value={form.planKey}
            error={server.planKey}
            onChange={(value) => set('planKey', value as TenantPlan | null)}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput label="Name" required maxLength={200} value={form.name} error={server.name} onChange={(e) => set('name', e.currentTarget.value)} />
          <Textarea label="Description" maxLength={2000} autosize minRows={2} value={form.description} onChange={(e) => set('description', e.currentTarget.value)} />
          <Textarea label="Features" description="One a line (at most 15, each at most 80 characters)" autosize minRows={3} value={form.features} onChange={(e) => set('features', e.currentTarget.value)} />
          <Group grow align="flex-start">
            <TextInput label="Currency" maxLength={3} value={form.currency} onChange={(e) => set('currency', e.currentTarget.value.toUpperCase())} />
            <NumberInput label="Monthly price" min={0} decimalScale={2} value={form.monthly} onChange={(v) => set('monthly', typeof v === 'number' ? v : '')} />
            <NumberInput label="Annual price" min={0} decimalScale={2} value={form.annual} onChange={(v) => set('annual', typeof v === 'number' ? v : '')} />
          </Group>
          <ProblemAlert error={create.error} hideFields={['planKey', 'name']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!form.planKey || !form.name.trim()}>
              Create plan
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
