import { Text } from '@mantine/core';
import { ConfirmModal } from '../../ui/confirm-modal';
import { deactivationWarning, type UserRow } from './user-rows';

/** Asks before deactivating a person; the API's refusal (the last active admin) is shown in its own words. */
export function DeactivateUserModal({
  user,
  ...actions
}: {
  user: UserRow | null;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <ConfirmModal
      subject={user}
      title={(u) => `Deactivate ${u.email}?`}
      confirmLabel="Deactivate person"
      errorTitle="Not deactivated"
      {...actions}
    >
      {(u) => <Text size="sm">{deactivationWarning(u)}</Text>}
    </ConfirmModal>
  );
}
