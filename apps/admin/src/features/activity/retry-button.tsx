import { Button, Text } from '@mantine/core';
import type { RetryTarget } from './retry-targets';
import { useRetry } from './retry-targets.api';

/** "Retry order #1001": POSTs the item's retry; says it is due, or the API's sentence when refused. */
export function RetryButton({ target }: { target: RetryTarget }) {
  const retry = useRetry();
  return (
    <>
      <Button
        size="compact-sm"
        variant="light"
        loading={retry.isPending}
        onClick={() => retry.mutate(target)}
        aria-label={`Retry ${target.label}`}
      >
        Retry
      </Button>
      {retry.isSuccess && (
        <Text size="xs" c="var(--gantry-success-text)" role="status">
          Due again now
        </Text>
      )}
      {retry.isError && (
        <Text size="xs" c="red.8" role="alert">
          {retry.error.message}
        </Text>
      )}
    </>
  );
}
