import { Alert, Anchor, Button, Paper } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  useDeleteWebhookEndpoint,
  useSendWebhookTest,
  useUpdateWebhookEndpoint,
  useWebhookEndpoint,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
} from '../../api/webhooks';
import { useSession } from '../../auth/use-session';
import { ConfirmModal } from '../../components/confirm-modal';
import { FactGrid } from '../../components/fact-grid';
import { PageHeader } from '../../components/page-header';
import { ProblemAlert } from '../../components/problem-alert';
import { QueryView } from '../../components/query-view';
import { SecretRevealModal } from '../../components/secret-reveal-modal';
import { EventTypeBadges } from './event-type-badges';
import { RotateSecretModal } from './rotate-secret-modal';
import { WebhookDeliveries } from './webhook-deliveries';
import { WebhookEndpointFormModal } from './webhook-endpoint-form-modal';
import { WebhookEndpointStatus } from './webhook-endpoint-status';
import { useFormat } from '../../components/use-format';

type Dialog = 'edit' | 'rotate' | 'disable' | 'delete' | null;

export function WebhookEndpointPage() {
  const { id = '' } = useParams();
  const endpoint = useWebhookEndpoint(id);
  return (
    <>
      <Anchor component={Link} to="/webhooks" size="sm">
        ← Webhooks
      </Anchor>
      <QueryView query={endpoint}>{(data) => <WebhookEndpointView endpoint={data} />}</QueryView>
    </>
  );
}

function WebhookEndpointView({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { can } = useSession();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const update = useUpdateWebhookEndpoint();
  const remove = useDeleteWebhookEndpoint();
  const sendTest = useSendWebhookTest();
  const canWrite = can('webhooks:write');

  const close = () => {
    setDialog(null);
    update.reset();
    remove.reset();
  };

  const actions = canWrite && (
    <>
      <Button
        variant="light"
        disabled={!endpoint.enabled}
        loading={sendTest.isPending}
        onClick={() =>
          sendTest.mutate(endpoint.id, { onSuccess: () => notifications.show({ color: 'green', message: 'Test event queued.' }) })
        }
      >
        Send test event
      </Button>
      <Button variant="default" onClick={() => setDialog('edit')}>
        Edit
      </Button>
      <Button variant="default" onClick={() => setDialog('rotate')}>
        Rotate secret
      </Button>
      {endpoint.enabled ? (
        <Button variant="default" onClick={() => setDialog('disable')}>
          Disable
        </Button>
      ) : (
        <Button
          variant="default"
          loading={update.isPending}
          onClick={() =>
            update.mutate({ id: endpoint.id, enabled: true }, { onSuccess: () => notifications.show({ color: 'green', message: 'Endpoint enabled.' }) })
          }
        >
          Enable
        </Button>
      )}
      <Button color="red" variant="light" onClick={() => setDialog('delete')}>
        Delete
      </Button>
    </>
  );

  return (
    <>
      <PageHeader title="Webhook endpoint" description={endpoint.url} actions={actions} />
      <ProblemAlert error={sendTest.error ?? (dialog === null ? update.error : null)} />
      <EndpointFacts endpoint={endpoint} />
      <WebhookDeliveries endpointId={endpoint.id} canReplay={canWrite} />

      {dialog === 'edit' && <WebhookEndpointFormModal endpoint={endpoint} onClose={close} onSaved={close} />}
      {dialog === 'rotate' && (
        <RotateSecretModal
          endpointId={endpoint.id}
          onClose={close}
          onRotated={(rotated: WebhookEndpointWithSecret) => {
            close();
            setSecret(rotated.secret);
          }}
        />
      )}
      <SecretRevealModal secret={secret} title="New signing secret" onClose={() => setSecret(null)} />
      <ConfirmModal
        opened={dialog === 'disable'}
        title="Disable endpoint"
        message="No events are sent to a disabled endpoint. Enabling it again resets its failure count."
        confirmLabel="Disable"
        loading={update.isPending}
        error={update.error}
        onConfirm={() => update.mutate({ id: endpoint.id, enabled: false }, { onSuccess: close })}
        onClose={close}
      />
      <ConfirmModal
        opened={dialog === 'delete'}
        title="Delete endpoint"
        message={`Delete ${endpoint.url}? Its delivery log goes with it.`}
        confirmLabel="Delete"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(endpoint.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: 'Endpoint deleted.' });
              navigate('/webhooks');
            },
          })
        }
        onClose={close}
      />
    </>
  );
}

function EndpointFacts({ endpoint }: { endpoint: WebhookEndpoint }) {
  const format = useFormat();
  const facts: [string, ReactNode][] = [
    ['Status', <WebhookEndpointStatus endpoint={endpoint} />],
    ['Events', <EventTypeBadges eventTypes={endpoint.eventTypes} />],
    ['Failures in a row', endpoint.consecutiveFailures],
    ['Description', endpoint.description || '—'],
    ['Created', format.dateTime(endpoint.createdAt)],
    ['Updated', format.dateTime(endpoint.updatedAt)],
  ];
  return (
    <Paper withBorder p="md" mt="md">
      {endpoint.previousSecretExpiresAt && new Date(endpoint.previousSecretExpiresAt) > new Date() && (
        <Alert color="blue" mb="md">
          Deliveries are also signed with the previous secret until {format.dateTime(endpoint.previousSecretExpiresAt)}.
        </Alert>
      )}
      <FactGrid facts={facts} cols={3} />
    </Paper>
  );
}
