import { Badge, Button, Code, Group, Table, Text, Tooltip } from '@mantine/core';
import type { ApiKey } from '@app/api-client';
import { StatusBadge } from '../../components/status-badge';
import { useFormat } from '../../components/use-format';
import { RelativeTime } from '../../components/relative-time';

const SHOWN_SCOPES = 3;

function Scopes({ scopes }: { scopes: readonly string[] }) {
  const rest = scopes.slice(SHOWN_SCOPES);
  return (
    <Group gap={4} maw={280}>
      {scopes.slice(0, SHOWN_SCOPES).map((scope) => (
        <Badge key={scope} variant="light" tt="none">
          {scope}
        </Badge>
      ))}
      {rest.length > 0 && (
        <Tooltip label={rest.join(', ')} multiline maw={300}>
          <Badge variant="outline" tt="none">
            +{rest.length}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

export function ApiKeyRow({ apiKey, onRevoke }: { apiKey: ApiKey; onRevoke: (() => void) | null }) {
  const format = useFormat();
  return (
    <Table.Tr data-testid="api-key-row">
      <Table.Td>
        <Text fw={600}>{apiKey.name}</Text>
        <Text size="xs" c="dimmed">
          by {apiKey.createdBy.name || apiKey.createdBy.email} · {format.date(apiKey.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Code>
          {apiKey.prefix}…{apiKey.last4}
        </Code>
      </Table.Td>
      <Table.Td>
        <Badge color={apiKey.mode === 'live' ? 'blue' : 'orange'} variant="outline">
          {apiKey.mode}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Scopes scopes={apiKey.scopes} />
      </Table.Td>
      <Table.Td>
        <StatusBadge status={apiKey.status} />
      </Table.Td>
      <Table.Td data-testid="api-key-usage">{apiKey.usageCount.toLocaleString()}</Table.Td>
      <Table.Td>
        <RelativeTime value={apiKey.lastUsedAt} />
        {apiKey.lastUsedIp && (
          <Text size="xs" c="dimmed">
            from {apiKey.lastUsedIp}
          </Text>
        )}
      </Table.Td>
      <Table.Td>{apiKey.expiresAt ? format.date(apiKey.expiresAt) : 'Never'}</Table.Td>
      {onRevoke && (
        <Table.Td>
          {apiKey.status === 'active' && (
            <Button size="xs" variant="light" color="red" onClick={onRevoke}>
              Revoke
            </Button>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}
