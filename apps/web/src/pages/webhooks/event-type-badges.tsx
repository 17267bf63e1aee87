import { Badge, Group } from '@mantine/core';

export function EventTypeBadges({ eventTypes }: { eventTypes: readonly string[] }) {
  return (
    <Group gap={4}>
      {eventTypes.map((type) => (
        <Badge key={type} variant="outline" tt="none">
          {type === '*' ? 'all events' : type}
        </Badge>
      ))}
    </Group>
  );
}
