import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../ui/query-state';
import type { ApiKeyRow } from './api-key-rows';

/** Asks before revoking: the key stops working at once, for good. */
export function RevokeApiKeyModal({
  apiKey,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  apiKey: ApiKeyRow | null;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  // Keep the last one on screen while the modal fades out, rather than an empty box.
  const [shown, setShown] = useState(apiKey);
  if (apiKey && apiKey !== shown) {
    setShown(apiKey);
  }
  return (
    <Modal
      opened={apiKey !== null}
      onClose={onClose}
      title={shown ? `Revoke “${shown.name}”?` : ''}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {shown && (
        <Stack>
          <Text size="sm">
            The key {shown.shown} stops working at once: every machine that uses it is refused from its next call. A revoked key cannot be
            restored; create a new one instead.
          </Text>
          {error !== null && error !== undefined && <ErrorAlert error={error} title="Not revoked" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="red.9" loading={busy} onClick={onConfirm}>
              Revoke key
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
