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
  processing: 'blue',
  requires_payment_method: 'orange',
  requires_action: 'yellow',
  pending_approval: 'yellow',
  needs_response: 'red',
  warning_needs_response: 'red',
  under_review: 'yellow',
  warning_under_review: 'yellow',
  warning_closed: 'gray',
  won: 'green',
  lost: 'red',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="light" data-testid="status-badge">
      {status}
    </Badge>
  );
}
