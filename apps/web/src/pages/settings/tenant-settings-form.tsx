import { Button, ColorInput, Group, NumberInput, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState, type FormEvent } from 'react';
import type { Tenant } from '@app/api-client';
import { fieldErrors } from '../../api/problem';
import { useUpdateTenant } from '../../api/tenant';
import { ProblemAlert } from '../../components/problem-alert';

const FIELDS = [
  'name',
  'settings.supportEmail',
  'settings.timezone',
  'settings.defaultCurrency',
  'settings.logoUrl',
  'settings.branding.primaryColor',
  'settings.auditRetentionDays',
];

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

function formFrom(tenant: Tenant) {
  return {
    name: tenant.name,
    supportEmail: tenant.settings.supportEmail ?? '',
    timezone: tenant.settings.timezone,
    defaultCurrency: tenant.settings.defaultCurrency,
    logoUrl: tenant.settings.logoUrl ?? '',
    primaryColor: tenant.settings.branding.primaryColor ?? '',
    auditRetentionDays: tenant.settings.auditRetentionDays,
  };
}

type Form = ReturnType<typeof formFrom>;

/** Checks the browser can make before asking the server (which checks everything again). */
function validate(form: Form): Record<string, string> {
  const errors: Record<string, string> = {};
  if (form.name.trim().length < 2) errors.name = 'At least 2 characters';
  if (form.supportEmail.trim() && !/^[^\s@]+@[^\s@.]+\.[^\s@]+$/.test(form.supportEmail.trim())) errors.supportEmail = 'Not an email address';
  if (!/^[A-Z]{3}$/.test(form.defaultCurrency.trim().toUpperCase())) errors.defaultCurrency = 'Three letters, e.g. EUR';
  if (form.logoUrl.trim() && !/^https:\/\/\S+$/.test(form.logoUrl.trim())) errors.logoUrl = 'An https:// URL';
  if (form.primaryColor && !HEX_COLOR.test(form.primaryColor)) errors.primaryColor = 'A colour as #rrggbb';
  if (!Number.isInteger(form.auditRetentionDays) || form.auditRetentionDays < 7 || form.auditRetentionDays > 3650)
    errors.auditRetentionDays = 'Between 7 and 3650 days';
  return errors;
}

export function TenantSettingsForm({ tenant, readOnly }: { tenant: Tenant; readOnly: boolean }) {
  const [form, setForm] = useState(() => formFrom(tenant));
  const [local, setLocal] = useState<Record<string, string>>({});
  const update = useUpdateTenant();
  const timezones = useMemo(() => Intl.supportedValuesOf('timeZone').concat('UTC'), []);
  const server = fieldErrors(update.error);
  const error = (name: string) => local[name] ?? server[`settings.branding.${name}`] ?? server[`settings.${name}`] ?? server[name];
  const change = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setLocal({});
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = validate(form);
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    update.mutate(
      {
        name: form.name.trim(),
        settings: {
          supportEmail: form.supportEmail.trim() || null,
          timezone: form.timezone,
          defaultCurrency: form.defaultCurrency.trim().toUpperCase(),
          logoUrl: form.logoUrl.trim() || null,
          branding: { primaryColor: form.primaryColor || null },
          auditRetentionDays: form.auditRetentionDays,
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
            <Text c="dimmed" size="sm" ml="md">Platform fee:</Text>
            <Text size="sm" data-testid="platform-fee">{(tenant.settings.platformFeeBps / 100).toLocaleString(undefined, { maximumFractionDigits: 2 })} %</Text>
          </Group>
          <TextInput label="Organization name" required readOnly={readOnly} value={form.name} error={error('name')} onChange={(e) => change({ name: e.currentTarget.value })} />
          <TextInput label="Support email" type="email" readOnly={readOnly} value={form.supportEmail} error={error('supportEmail')} onChange={(e) => change({ supportEmail: e.currentTarget.value })} />
          <Select label="Time zone" searchable readOnly={readOnly} data={timezones} value={form.timezone} error={error('timezone')} onChange={(value) => value && change({ timezone: value })} />
          <TextInput label="Default currency" description="ISO 4217 code, e.g. EUR" maxLength={3} readOnly={readOnly} value={form.defaultCurrency} error={error('defaultCurrency')} onChange={(e) => change({ defaultCurrency: e.currentTarget.value.toUpperCase() })} />
          <TextInput label="Logo URL" placeholder="https://…" readOnly={readOnly} value={form.logoUrl} error={error('logoUrl')} onChange={(e) => change({ logoUrl: e.currentTarget.value })} />
          <ColorInput label="Primary colour" placeholder="#3355ff" format="hex" fixOnBlur={false} readOnly={readOnly} value={form.primaryColor} error={error('primaryColor')} onChange={(value) => change({ primaryColor: value })} />
          <NumberInput
            label="Keep audit log for"
            suffix=" days"
            min={7}
            max={3650}
            allowDecimal={false}
            readOnly={readOnly}
            value={form.auditRetentionDays}
            error={error('auditRetentionDays')}
            onChange={(value) => change({ auditRetentionDays: typeof value === 'number' ? value : Number(value) || 0 })}
          />
          <ProblemAlert error={update.error} hideFields={FIELDS} />
          {!readOnly && (
            <Group justify="flex-end">
              <Button variant="default" onClick={() => change(formFrom(tenant))} disabled={update.isPending}>
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
