import { Button, Group, Modal, MultiSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/problem';
import {
  useCreateWebhookEndpoint,
  useUpdateWebhookEndpoint,
  useWebhookEventTypes,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
  type WebhookEventTypeKey,
} from '../../api/webhooks';
import { ProblemAlert } from '../../components/problem-alert';

const ALL_EVENTS = '*';
const FIELDS = ['url', 'eventTypes', 'description'];

interface WebhookEndpointFormModalProps {
  /** Null registers a new endpoint. */
  endpoint: WebhookEndpoint | null;
  onClose: () => void;
  /** Called with the saved endpoint; a new one carries its signing secret. */
  onSaved: (endpoint: WebhookEndpoint | WebhookEndpointWithSecret) => void;
}

export function WebhookEndpointFormModal({ endpoint, onClose, onSaved }: WebhookEndpointFormModalProps) {
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [eventTypes, setEventTypes] = useState<string[]>(endpoint?.eventTypes ?? []);
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const catalog = useWebhookEventTypes();
  const create = useCreateWebhookEndpoint();
  const update = useUpdateWebhookEndpoint();
  const mutation = endpoint ? update : create;
  const errors = fieldErrors(mutation.error);

  const options = [
    { value: ALL_EVENTS, label: 'All events (including future ones)' },
    ...(catalog.data ?? []).map((type) => ({ value: type.type, label: `${type.type} — ${type.description}` })),
  ];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = { url: url.trim(), eventTypes: eventTypes as WebhookEventTypeKey[], description: description.trim() };
    if (endpoint) update.mutate({ id: endpoint.id, ...body }, { onSuccess: onSaved });
    else create.mutate(body, { onSuccess: onSaved });
  };

  return (
    <Modal opened onClose={onClose} title={endpoint ? 'Edit endpoint' : 'Add webhook endpoint'} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Endpoint URL"
            placeholder="https://example.com/webhooks"
            required
            data-autofocus
            value={url}
            error={errors.url}
            onChange={(e) => setUrl(e.currentTarget.value)}
          />
          <MultiSelect
            label="Events"
            placeholder={eventTypes.length ? undefined : 'Choose the events to send'}
            required
            searchable
            data={options}
            value={eventTypes}
            error={errors.eventTypes}
            // "All events" replaces any single choice, and a single choice replaces "All events".
            onChange={(next) => setEventTypes(next.at(-1) === ALL_EVENTS ? [ALL_EVENTS] : next.filter((v) => v !== ALL_EVENTS))}
          />
          <Textarea label="Description" autosize minRows={2} value={description} error={errors.description} onChange={(e) => setDescription(e.currentTarget.value)} />
          <ProblemAlert error={mutation.error} hideFields={FIELDS} />
          <ProblemAlert error={catalog.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {endpoint ? 'Save endpoint' : 'Add endpoint'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
