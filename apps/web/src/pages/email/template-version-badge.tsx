import { Badge } from '@mantine/core';

/** Whether the organization saved its own version of a template or uses the product default. */
export function TemplateVersionBadge({ overridden }: { overridden: boolean }) {
  return overridden ? (
    <Badge color="indigo" variant="light" data-testid="overridden-badge">
      overridden
    </Badge>
  ) : (
    <Badge color="gray" variant="light" data-testid="default-badge">
      default
    </Badge>
  );
}
