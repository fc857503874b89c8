import { Alert } from '@mantine/core';
import { ErrorAlert } from '../../ui/query-state';
import type { RetryOutcome } from './use-order-actions';
import { READABLE_ALERT_STYLES } from './readable-alert';

/** What the last Retry did: the order's new decision, or the API's refusal. */
export function RetryOutcomeAlert({ outcome, error, onClose }: { outcome: RetryOutcome | null; error: unknown; onClose: () => void }) {
  if (error) {
    return <ErrorAlert error={error} title="Could not retry the order" />;
  }
  if (!outcome) {
    return null;
  }
  const { state, reason } = outcome.order;
  return (
    <Alert
      styles={READABLE_ALERT_STYLES}
      color={state === 'held' || state === 'failed' ? 'orange' : 'green'}
      title={`Order ${outcome.label} decided again`}
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onClose}
      role="status"
    >
      It is now {state.replace(/_/g, ' ')}
      {reason ? `: ${reason}` : '.'}
    </Alert>
  );
}
