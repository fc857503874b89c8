import { Badge } from '@mantine/core';

// Mantine's light badges on these colours keep AA contrast with primaryShade 7.
const COLORS: Record<string, string> = {
  connected: 'green',
  live: 'green',
  succeeded: 'green',
  exported: 'green',
  imported: 'green',
  pushed: 'green',
  active: 'green',
  needs_reauth: 'orange',
  'catching-up': 'yellow',
  partial: 'orange',
  held: 'orange',
  pending: 'gray',
  running: 'blue',
  in_flight: 'blue',
  paused: 'gray',
  disconnected: 'gray',
  failed: 'red',
  deactivated: 'gray',
};

/** A status word in its colour ("needs_reauth" reads "needs reauth"). */
export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="light" radius="sm">
      {status.replace(/_/g, ' ')}
    </Badge>
  );
}
