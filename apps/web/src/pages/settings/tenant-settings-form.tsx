import { Button, Group, NumberInput, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState, type FormEvent } from 'react';
import type { Tenant } from '@app/api-client';
import { fieldErrors } from '../../api/problem';
import { useUpdateTenant } from '../../api/tenant';
import { ProblemAlert } from '../../components/problem-alert';

const FIELDS = ['name', 'settings.supportEmail', 'settings.timezone', 'settings.defaultCurrency', 'settings.platformFeeBps', 'settings.logoUrl'];

function formFrom(tenant: Tenant) {
  return {
    name: tenant.name,
    supportEmail: tenant.settings.supportEmail ?? '',
    timezone: tenant.settings.timezone,
    defaultCurrency: tenant.settings.defaultCurrency,
    feePercent: tenant.settings.platformFeeBps / 100,
    logoUrl: tenant.settings.logoUrl ?? '',
  };
}

export function TenantSettingsForm({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const [form, setForm] = useState(() => formFrom(tenant));
  const update = useUpdateTenant();
  const timezones = useMemo(() => Intl.supportedValuesOf('timeZone').concat('UTC'), []);
  const raw = fieldErrors(update.error);
  const error = (name: string) => raw[`settings.${name}`] ?? raw[name];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      {
        name: form.name,
        settings: {
          supportEmail: form.supportEmail.trim() || null,
          timezone: form.timezone,
          defaultCurrency: form.defaultCurrency.trim().toUpperCase(),
          platformFeeBps: Math.round(form.feePercent * 100),
          logoUrl: form.logoUrl.trim() || null,
        },
      },
      {
        onSuccess: (saved) => {
          setForm(formFrom(saved));
          notifications.show({ color: 'green', message: 'Settings saved.' });
        },
      },
    );
  };

  return (
    <Paper withBorder p="lg" maw={640}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Group gap="xs">
            <Text c="dimmed" size="sm">Slug:</Text>
            <Text size="sm" ff="monospace">{tenant.slug}</Text>
            <Text c="dimmed" size="sm" ml="md">Plan:</Text>
            <Text size="sm">{tenant.plan}</Text>
          </Group>
          <TextInput label="Organization name" required readOnly={readOnly} value={form.name} error={error('name')} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} />
          <TextInput label="Support email" type="email" readOnly={readOnly} value={form.supportEmail} error={error('supportEmail')} onChange={(e) => setForm({ ...form, supportEmail: e.currentTarget.value })} />
          <Select label="Time zone" searchable readOnly={readOnly} data={timezones} value={form.timezone} error={error('timezone')} onChange={(value) => value && setForm({ ...form, timezone: value })} />
          <TextInput label="Default currency" description="ISO 4217 code, e.g. EUR" maxLength={3} readOnly={readOnly} value={form.defaultCurrency} error={error('defaultCurrency')} onChange={(e) => setForm({ ...form, defaultCurrency: e.currentTarget.value.toUpperCase() })} />
          <NumberInput
            label="Platform fee"
            suffix=" %"
            min={0}
            max={100}
            decimalScale={2}
            readOnly={readOnly}
            value={form.feePercent}
            error={error('platformFeeBps')}
            onChange={(value) => setForm({ ...form, feePercent: typeof value === 'number' ? value : Number(value) || 0 })}
          />
          <TextInput label="Logo URL" placeholder="https://…" readOnly={readOnly} value={form.logoUrl} error={error('logoUrl')} onChange={(e) => setForm({ ...form, logoUrl: e.currentTarget.value })} />
          <ProblemAlert error={update.error} hideFields={FIELDS} />
          {!readOnly && (
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setForm(formFrom(tenant))} disabled={update.isPending}>
                Reset
              </Button>
              <Button type="submit" loading={update.isPending}>
                Save settings
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
