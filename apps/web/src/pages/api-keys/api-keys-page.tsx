import { Button, Table } from '@mantine/core';
import { useState } from 'react';
import type { ApiKey, ApiKeyStatus } from '@app/api-client';
import { useApiKeys, useRevokeApiKey } from '../../api/api-keys';
import { useSession } from '../../auth/use-session';
import { ConfirmMutationModal } from '../../components/confirm-mutation-modal';
import { EmptyList } from '../../components/empty-list';
import { PageHeader } from '../../components/page-header';
import { PagedTable } from '../../components/paged-table';
import { StatusFilter } from '../../components/status-filter';
import { ApiKeyRow } from './api-key-row';
import { CreateApiKeyModal } from './create-api-key-modal';

const STATUSES: ApiKeyStatus[] = ['active', 'expired', 'revoked'];

export function ApiKeysPage() {
  const { can } = useSession();
  const [status, setStatus] = useState<ApiKeyStatus | null>(null);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const apiKeys = useApiKeys({ status });
  const revoke = useRevokeApiKey();
  const canWrite = can('api_keys:write');

  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let other systems call the API on behalf of this organization, limited to their scopes."
        actions={canWrite && <Button onClick={() => setCreating(true)}>Create API key</Button>}
      />
      <StatusFilter statuses={STATUSES} value={status} onChange={setStatus} />
      <PagedTable
        query={apiKeys}
        minWidth={1000}
        empty={
          <EmptyList
            title={status ? `No ${status} API keys` : 'No API keys yet'}
            description={!status && canWrite ? 'Create a key to connect another system.' : undefined}
          />
        }
        head={
          <>
            <Table.Th>Name</Table.Th>
            <Table.Th>Key</Table.Th>
            <Table.Th>Mode</Table.Th>
            <Table.Th>Scopes</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Requests</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>Expires</Table.Th>
            {canWrite && <Table.Th aria-label="Actions" />}
          </>
        }
        row={(apiKey) => <ApiKeyRow key={apiKey.id} apiKey={apiKey} onRevoke={canWrite ? () => setRevoking(apiKey) : null} />}
      />

      {creating && <CreateApiKeyModal onClose={() => setCreating(false)} />}
      <ConfirmMutationModal
        target={revoking}
        mutation={revoke}
        variables={(apiKey) => apiKey.id}
        title="Revoke API key"
        message={(apiKey) => `Revoke ${apiKey.name} (${apiKey.prefix}…${apiKey.last4})? Calls with this key fail at once. This cannot be undone.`}
        confirmLabel="Revoke"
        success={(apiKey) => `API key ${apiKey.name} revoked.`}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}
