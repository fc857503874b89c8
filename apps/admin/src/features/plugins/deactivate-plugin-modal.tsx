import { List, Text } from '@mantine/core';
import { ConfirmModal } from '../../ui/confirm-modal';
import { deactivationEffects } from './plugin-view';

/** Asks before deactivating a plugin, saying what stops and what is kept. */
export function DeactivatePluginModal({
  plugin,
  ...actions
}: {
  plugin: { key: string; name: string } | null;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <ConfirmModal
      subject={plugin}
      title={(p) => `Deactivate ${p.name}?`}
      confirmLabel="Deactivate plugin"
      errorTitle="Not deactivated"
      {...actions}
    >
      {(p) => (
        <>
          <Text size="sm">Deactivating the {p.name} plugin:</Text>
          <List size="sm" spacing={4}>
            {deactivationEffects(p).map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        </>
      )}
    </ConfirmModal>
  );
}
