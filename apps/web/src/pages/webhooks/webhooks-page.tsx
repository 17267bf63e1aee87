import { Anchor, Button, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useWebhookEndpoints, type WebhookEndpointWithSecret } from '../../api/webhooks';
import { useSession } from '../../auth/use-session';
import { EmptyList } from '../../components/empty-list';
import { ListTable } from '../../components/list-table';
import { PageHeader } from '../../components/page-header';
import { PagedList } from '../../components/paged-list';
import { SecretRevealModal } from '../../components/secret-reveal-modal';
import { EventTypeBadges } from './event-type-badges';
import { WebhookEndpointFormModal } from './webhook-endpoint-form-modal';
import { WebhookEndpointStatus } from './webhook-endpoint-status';
import { useFormat } from '../../components/use-format';

export function WebhooksPage() {
  const format = useFormat();
  const { can } = useSession();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<WebhookEndpointWithSecret | null>(null);
  const endpoints = useWebhookEndpoints();
  const canWrite = can('webhooks:write');

  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Endpoints that receive signed HTTP POSTs when something happens in this organization."
        actions={canWrite && <Button onClick={() => setCreating(true)}>Add endpoint</Button>}
      />
      <PagedList query={endpoints} empty={<EmptyList title={'No webhook endpoints yet'} description={canWrite ? 'Add an endpoint to receive events.' : undefined} />}>
        {(rows) => (
          <ListTable columns={['URL', 'Events', 'Status', 'Failures', 'Created']}>
            {rows.map((endpoint) => (
              <Table.Tr key={endpoint.id} data-testid="webhook-endpoint-row">
                <Table.Td maw={320}>
                  <Anchor component={Link} to={`/webhooks/${endpoint.id}`} style={{ wordBreak: 'break-all' }}>
                    {endpoint.url}
                  </Anchor>
                  {endpoint.description && (
                    <Text size="xs" c="dimmed">
                      {endpoint.description}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <EventTypeBadges eventTypes={endpoint.eventTypes} />
                </Table.Td>
                <Table.Td>
                  <WebhookEndpointStatus endpoint={endpoint} />
                </Table.Td>
                <Table.Td>
                  <Text c={endpoint.consecutiveFailures > 0 ? 'red' : undefined}>{endpoint.consecutiveFailures}</Text>
                </Table.Td>
                <Table.Td>{format.date(endpoint.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        )}
      </PagedList>

      {creating && (
        <WebhookEndpointFormModal
          endpoint={null}
          onClose={() => setCreating(false)}
          onSaved={(endpoint) => {
            setCreating(false);
            if ('secret' in endpoint) setCreated(endpoint);
          }}
        />
      )}
      <SecretRevealModal
        secret={created?.secret ?? null}
        title="Endpoint added"
        description="Deliveries carry an X-Webhook-Signature header: t=<unix time>,v1=<hex HMAC-SHA256 of “<t>.<raw body>” keyed with this secret>."
        onClose={() => {
          const id = created?.id;
          setCreated(null);
          if (id) navigate(`/webhooks/${id}`);
        }}
      />
    </>
  );
}
