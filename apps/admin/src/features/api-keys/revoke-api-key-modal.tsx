import { Text } from '@mantine/core';
import { ConfirmModal } from '../../ui/confirm-modal';
import type { ApiKeyRow } from './api-key-rows';

/** Asks before revoking: the key stops working at once, for good. */
export function RevokeApiKeyModal({
  apiKey,
  ...actions
}: {
  apiKey: ApiKeyRow | null;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <ConfirmModal subject={apiKey} title={(k) => `Revoke “${k.name}”?`} confirmLabel="Revoke key" errorTitle="Not revoked" {...actions}>
      {(k) => (
        <Text size="sm">
          The key {k.shown} stops working at once: every machine that uses it is refused from its next call. A revoked key cannot be
          restored; create a new one instead.
        </Text>
      )}
    </ConfirmModal>
  );
}
