import { Button, Group, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useUpdatePlatformSettings, type PlatformSettings } from '../../api/platform-settings';
import { fieldErrors } from '../../api/problem';
import { ProblemAlert } from '../../components/problem-alert';
import { RelativeTime } from '../../components/relative-time';

const formFrom = (settings: PlatformSettings) => ({
  feePercent: settings.defaultPlatformFeeBps / 100,
  defaultCurrency: settings.defaultCurrency,
});

export function PlatformSettingsForm({ settings, readOnly }: { settings: PlatformSettings; readOnly: boolean }) {
  const [form, setForm] = useState(() => formFrom(settings));
  const [local, setLocal] = useState<Record<string, string>>({});
  const update = useUpdatePlatformSettings();
  const server = fieldErrors(update.error);
  const errors = { defaultPlatformFeeBps: local.defaultPlatformFeeBps ?? server.defaultPlatformFeeBps, defaultCurrency: local.defaultCurrency ?? server.defaultCurrency };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!(form.feePercent >= 0 && form.feePercent <= 100)) problems.defaultPlatformFeeBps = 'Between 0 and 100 %';
    if (!/^[A-Z]{3}$/.test(form.defaultCurrency)) problems.defaultCurrency = 'Three letters, e.g. EUR';
    setLocal(problems);
    if (Object.keys(problems).length) return;
    update.mutate(
      { defaultPlatformFeeBps: Math.round(form.feePercent * 100), defaultCurrency: form.defaultCurrency },
      {
        onSuccess: (saved) => {
          setForm(formFrom(saved));
          notifications.show({ color: 'green', message: 'Platform settings saved.' });
        },
      },
    );
  };

  return (
    <Paper withBorder p="lg" maw={640}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Title order={2} size="h4">Defaults for new tenants</Title>
          <NumberInput
            label="Default platform fee"
            description="Existing tenants keep their own fee."
            suffix=" %"
            min={0}
            max={100}
            decimalScale={2}
            readOnly={readOnly}
            value={form.feePercent}
            error={errors.defaultPlatformFeeBps}
            onChange={(value) => setForm({ ...form, feePercent: typeof value === 'number' ? value : Number(value) || 0 })}
          />
          <TextInput
            label="Default currency"
            description="ISO 4217 code, e.g. EUR"
            maxLength={3}
            readOnly={readOnly}
            value={form.defaultCurrency}
            error={errors.defaultCurrency}
            onChange={(e) => setForm({ ...form, defaultCurrency: e.currentTarget.value.toUpperCase() })}
          />
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              Signup approval:
            </Text>
            <Text size="sm">{settings.signupApproval} (set by TENANT_APPROVAL)</Text>
          </Group>
          <Text size="xs" c="dimmed">
            Last changed <RelativeTime value={settings.updatedAt} />
          </Text>
          <ProblemAlert error={update.error} hideFields={['defaultPlatformFeeBps', 'defaultCurrency']} />
          {!readOnly && (
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending}>
                Save defaults
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
