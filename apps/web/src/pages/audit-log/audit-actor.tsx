import { Badge, Group, Text, Tooltip } from '@mantine/core';
import type { AuditLog } from '@app/api-client';

const KIND: Record<AuditLog['actorType'], string> = {
  user: 'User',
  api_key: 'API key',
  system: 'System',
  anonymous: 'Anonymous',
};

/** Who did it: a user's email, an API key, the system; and the staff member impersonating, if any. */
export function AuditActor({ entry }: { entry: AuditLog }) {
  const name = entry.actorType === 'user' || entry.actorType === 'api_key' ? entry.actorEmail : null;
  return (
    <div>
      <Group gap={6} wrap="nowrap">
        {entry.actorType !== 'user' && (
          <Badge size="sm" variant="light" color="gray">
            {KIND[entry.actorType]}
          </Badge>
        )}
        {name && <Text size="sm">{name}</Text>}
      </Group>
      {entry.impersonatorId && (
        <Tooltip label={`Platform staff ${entry.impersonatorEmail ?? entry.impersonatorId}`}>
          <Badge size="xs" color="orange" variant="light" mt={4}>
            Impersonated by staff
          </Badge>
        </Tooltip>
      )}
    </div>
  );
}
