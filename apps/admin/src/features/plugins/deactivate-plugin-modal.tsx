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
  return (
    <Modal
      opened={plugin !== null}
      onClose={onClose}
      title={plugin ? `Deactivate ${plugin.name}?` : ''}
      centered
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      {plugin && (
        <Stack>
          <Text size="sm">Deactivating the {plugin.name} plugin:</Text>
          <List size="sm" spacing={4}>
            {deactivationEffects(plugin).map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
          {error !== null && error !== undefined && <ErrorAlert error={error} title="Not deactivated" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="red" loading={busy} onClick={onConfirm}>
              Deactivate plugin
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
