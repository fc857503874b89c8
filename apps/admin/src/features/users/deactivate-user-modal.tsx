import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../ui/query-state';
import { deactivationWarning, type UserRow } from './user-rows';

/** Asks before deactivating a person; the API's refusal (the last active admin) is shown in its own words. */
export function DeactivateUserModal({
  user,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  user: UserRow | null;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  // Keep the last one on screen while the modal fades out, rather than an empty box.
  const [shown, setShown] = useState(user);
  if (user && user !== shown) {
    setShown(user);
  }
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={shown ? `Deactivate ${shown.email}?` : ''}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {shown && (
        <Stack>
          <Text size="sm">{deactivationWarning(shown)}</Text>
          {error !== null && error !== undefined && <ErrorAlert error={error} title="Not deactivated" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="red.9" loading={busy} onClick={onConfirm}>
              Deactivate person
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
