import { useState } from 'react';
import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../ui/query-state';
import { deactivationEffects } from './plugin-view';

/** Asks before deactivating a plugin, saying what stops and what is kept. */
export function DeactivatePluginModal({
  plugin,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  plugin: { key: string; name: string } | null;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  // Keep the last one on screen while the modal fades out, rather than an empty box.
  const [shown, setShown] = useState(plugin);
  if (plugin && plugin !== shown) {
    setShown(plugin);
  }
  return (
    <Modal
      opened={plugin !== null}
      onClose={onClose}
      title={shown ? `Deactivate ${shown.name}?` : ''}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {shown && (
        <Stack>
          <Text size="sm">Deactivating the {shown.name} plugin:</Text>
          <List size="sm" spacing={4}>
            {deactivationEffects(shown).map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
          {error !== null && error !== undefined && <ErrorAlert error={error} title="Not deactivated" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="red.9" loading={busy} onClick={onConfirm}>
              Deactivate plugin
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
