import { Button, Group, Modal, NumberInput, SegmentedControl, Skeleton, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ApiKeyCreate, CreatedApiKey } from '@app/api-client';
import { useCreateApiKey } from '../../api/api-keys';
import { endOfDay } from '../../api/day-range';
import { fieldErrors } from '../../api/problem';
import { PermissionCheckboxes } from '../../components/permission-checkboxes';
import { ProblemAlert } from '../../components/problem-alert';
import { ApiKeySecret } from './api-key-secret';
import { useScopeCatalog } from './scope-catalog';

type Mode = ApiKeyCreate['mode'] & string;

const FORM_FIELDS = ['name', 'scopes', 'mode', 'expiresAt', 'allowedIps', 'rateLimitPerMinute'];

function ApiKeyForm({ onCreated, onCancel }: { onCreated: (key: CreatedApiKey) => void; onCancel: () => void }) {
  const scopes = useScopeCatalog();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [mode, setMode] = useState<Mode>('live');
  const [checked, setChecked] = useState<string[]>([]);
  const [expiresOn, setExpiresOn] = useState('');
  const [allowedIps, setAllowedIps] = useState('');
  const [rateLimit, setRateLimit] = useState<number | string>('');
  const errors = fieldErrors(create.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const ips = allowedIps.split('\n').map((line) => line.trim()).filter(Boolean);
    create.mutate(
      {
        name: name.trim(),
        mode,
        scopes: checked,
        ...(expiresOn ? { expiresAt: endOfDay(expiresOn) } : {}),
        ...(ips.length > 0 ? { allowedIps: ips } : {}),
        ...(typeof rateLimit === 'number' ? { rateLimitPerMinute: rateLimit } : {}),
      },
      { onSuccess: onCreated },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label="Name" description="Say where the key is used, e.g. the integration's name." required value={name} error={errors.name} onChange={(e) => setName(e.currentTarget.value)} />
        <div>
          <Text size="sm" fw={500} mb={4} id="api-key-mode">
            Mode
          </Text>
          <SegmentedControl
            aria-labelledby="api-key-mode"
            value={mode}
            onChange={(value) => setMode(value as Mode)}
            data={[
              { value: 'live', label: 'Live' },
              { value: 'test', label: 'Test' },
            ]}
          />
        </div>
        {scopes.isPending ? (
          <Skeleton h={160} />
        ) : (
          <PermissionCheckboxes label="Scopes" catalog={scopes.permissions} value={checked} onChange={setChecked} selectable={scopes.selectable} />
        )}
        {errors.scopes && (
          <Text size="sm" c="red">
            {errors.scopes}
          </Text>
        )}
        <Group grow align="flex-start">
          <TextInput label="Expires on" description="Optional; the key stops working after this day." type="date" value={expiresOn} error={errors.expiresAt} onChange={(e) => setExpiresOn(e.currentTarget.value)} />
          <NumberInput label="Rate limit (requests per minute)" description="Optional; the server default otherwise." min={1} max={100000} allowDecimal={false} value={rateLimit} error={errors.rateLimitPerMinute} onChange={setRateLimit} />
        </Group>
        <Textarea
          label="Allowed IPs"
          description="Optional; one IP address or CIDR range per line. Empty allows any address."
          autosize
          minRows={2}
          value={allowedIps}
          error={errors.allowedIps}
          onChange={(e) => setAllowedIps(e.currentTarget.value)}
        />
        <ProblemAlert error={create.error} hideFields={FORM_FIELDS} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Creates a key, then shows its secret once. */
export function CreateApiKeyModal({ onClose }: { onClose: () => void }) {
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  return (
    <Modal opened onClose={onClose} title={created ? 'Your new API key' : 'New API key'} size="xl" closeOnClickOutside={!created}>
      {created ? <ApiKeySecret created={created} onDone={onClose} /> : <ApiKeyForm onCreated={setCreated} onCancel={onClose} />}
    </Modal>
  );
}
