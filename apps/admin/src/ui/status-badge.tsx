import classes from './status-badge.module.css';

// The colour is a dot beside dark text: light badges' coloured text fails AA contrast on its tinted background.
const TONES: Record<string, string> = {
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

/** A status word with its coloured dot ("needs_reauth" reads "needs reauth"). */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={classes.badge} data-tone={TONES[status] ?? 'gray'}>
      {status.replace(/_/g, ' ')}
    </span>
  );
}
