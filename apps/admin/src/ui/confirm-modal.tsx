import { useState, type ReactNode } from 'react';
import { Button, Group, Modal, Stack } from '@mantine/core';
import { ErrorAlert } from './query-state';

/**
 * Asks before a destructive change to `subject` (open while it is not null): what happens, the API's refusal in its
 * own words, Cancel and the red confirm button.
 */
export function ConfirmModal<T>({
  subject,
  title,
  confirmLabel,
  errorTitle,
  busy,
  error,
  onConfirm,
  onClose,
  children,
}: {
  subject: T | null;
  title: (subject: T) => string;
  confirmLabel: string;
  errorTitle: string;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
  children: (subject: T) => ReactNode;
}) {
  // Keep the last subject on screen while the modal fades out, rather than an empty box.
  const [shown, setShown] = useState(subject);
  if (subject !== null && subject !== shown) {
    setShown(subject);
  }
  return (
    <Modal
      opened={subject !== null}
      onClose={onClose}
      title={shown ? title(shown) : ''}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {shown && (
        <Stack>
          {children(shown)}
          {error !== null && error !== undefined && <ErrorAlert error={error} title={errorTitle} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="red.9" loading={busy} onClick={onConfirm}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
