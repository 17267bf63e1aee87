import { Alert, Badge, Button, Code, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/problem';
import { useTotpDisable, useTotpEnable, useTotpSetup } from '../../api/totp';
import { ProblemAlert } from '../../components/problem-alert';

function CodeForm({ label, submitLabel, color, pending, error, onSubmit }: {
  label: string;
  submitLabel: string;
  color?: string;
  pending: boolean;
  error: unknown;
  onSubmit: (code: string) => void;
}) {
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(code);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Group align="flex-end">
          <TextInput label={label} autoComplete="one-time-code" inputMode="numeric" maxLength={8} value={code} error={fieldErrors(error).code} onChange={(e) => setCode(e.currentTarget.value.trim())} w={200} />
          <Button type="submit" color={color} loading={pending} disabled={code.length < 6}>
            {submitLabel}
          </Button>
        </Group>
        <ProblemAlert error={error} hideFields={['code']} />
      </Stack>
    </form>
  );
}

export function TotpCard({ enabled }: { enabled: boolean }) {
  const setup = useTotpSetup();
  const enable = useTotpEnable();
  const disable = useTotpDisable();

  return (
    <Paper withBorder p="lg">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4">Two-factor authentication</Title>
          <Badge color={enabled ? 'green' : 'gray'} variant="light">
            {enabled ? 'On' : 'Off'}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          Ask for a 6-digit code from an authenticator app (TOTP) when logging in.
        </Text>

        {enabled && (
          <CodeForm
            label="Code to turn it off"
            submitLabel="Disable"
            color="red"
            pending={disable.isPending}
            error={disable.error}
            onSubmit={(code) =>
              disable.mutate(code, { onSuccess: () => notifications.show({ color: 'green', message: 'Two-factor authentication is off.' }) })
            }
          />
        )}

        {!enabled && !setup.data && (
          <Group>
            <Button onClick={() => setup.mutate()} loading={setup.isPending}>
              Set up
            </Button>
            <ProblemAlert error={setup.error} />
          </Group>
        )}

        {!enabled && setup.data && (
          <Stack>
            <Alert color="blue" title="Add this account to your authenticator app">
              <Stack gap="xs">
                <Text size="sm">Enter the secret by hand, or open the otpauth link on a device with an authenticator app.</Text>
                <Group gap="xs">
                  <Text size="sm" fw={600}>Secret:</Text>
                  <Code data-testid="totp-secret">{setup.data.secret}</Code>
                  <CopyButton value={setup.data.secret}>
                    {({ copied, copy }) => (
                      <Button size="compact-xs" variant="light" onClick={copy}>
                        {copied ? 'Copied' : 'Copy'}
                      </Button>
                    )}
                  </CopyButton>
                </Group>
                <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
                  {setup.data.otpauthUrl}
                </Code>
              </Stack>
            </Alert>
            <CodeForm
              label="Code from the app"
              submitLabel="Turn on"
              pending={enable.isPending}
              error={enable.error}
              onSubmit={(code) =>
                enable.mutate(code, {
                  onSuccess: () => {
                    setup.reset();
                    notifications.show({ color: 'green', message: 'Two-factor authentication is on.' });
                  },
                })
              }
            />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
