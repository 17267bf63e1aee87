import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = {
  active: 'green',
  accepted: 'green',
  pending: 'yellow',
  suspended: 'orange',
  rejected: 'red',
  revoked: 'gray',
  expired: 'gray',
  inactive: 'gray',
  deactivated: 'gray',
  enabled: 'green',
  disabled: 'gray',
  succeeded: 'green',
  sent: 'green',
  queued: 'yellow',
  failed: 'orange',
  dead: 'red',
  open: 'orange',
  replayed: 'blue',
  discarded: 'gray',
  received: 'yellow',
  processed: 'green',
  ignored: 'gray',
  running: 'blue',
  trialing: 'blue',
  past_due: 'orange',
  canceled: 'gray',
  unpaid: 'red',
  paused: 'gray',
  incomplete: 'yellow',
  draft: 'gray',
  paid: 'green',
  void: 'gray',
  uncollectible: 'red',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="light" data-testid="status-badge">
      {status}
    </Badge>
  );
}
