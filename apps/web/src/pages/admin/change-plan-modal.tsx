import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { TenantPlan } from '@app/api-client';
import { ProblemAlert } from '../../components/problem-alert';
import { PLANS } from './plans';

interface Props {
  count: number;
  pending: boolean;
  error: unknown;
  onSubmit: (plan: TenantPlan) => void;
  onClose: () => void;
}

export function ChangePlanModal({ count, pending, error, onSubmit, onClose }: Props) {
  const [plan, setPlan] = useState<TenantPlan | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (plan) onSubmit(plan);
  };
  return (
    <Modal opened onClose={onClose} title="Change plan">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">New plan for {count} selected tenant(s).</Text>
          <Select label="Plan" required data={PLANS} value={plan} onChange={(value) => setPlan(value as TenantPlan | null)} comboboxProps={{ withinPortal: true }} />
          <ProblemAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={!plan}>
              Change plan
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
