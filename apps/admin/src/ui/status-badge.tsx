import { Badge } from '@mantine/core';

// The colour is a dot beside dark text: light badges' coloured text fails AA contrast on its tinted background.
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
    <Badge color={COLORS[status] ?? 'gray'} variant="dot" radius="sm" c="dark.9">
      {status.replace(/_/g, ' ')}
    </Badge>
  );
}
