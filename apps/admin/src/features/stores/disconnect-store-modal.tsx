import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../ui/query-state';
import { JOOR_CHANNEL } from './store-view';
import { useDisconnectStore, type Store } from './stores.api';

/** Confirms a disconnect, saying what is kept, what stops, and that reconnecting resumes it. */
export function DisconnectStoreModal({ store, opened, onClose }: { store: Store; opened: boolean; onClose: () => void }) {
  const disconnect = useDisconnectStore(store.id);
  const stops =
    store.channel === JOOR_CHANNEL
      ? 'exporting JOOR orders to the Shopify store.'
      : 'stock sync, order import and the rest of its flows; webhooks from the channel are dropped.';
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title={`Disconnect ${store.name}?`}>
      <Stack>
        <Text size="sm">Gantry forgets the store&apos;s credentials at once.</Text>
        <List size="sm" spacing="xs">
          <List.Item>
            <strong>Kept:</strong> its location and product mappings, settings, and history (sync runs, orders).
          </List.Item>
          <List.Item>
            <strong>Stops:</strong> {stops}
          </List.Item>
          <List.Item>
            <strong>Reconnecting</strong> the same account resumes everything where it stood.
          </List.Item>
        </List>
        {disconnect.isError && <ErrorAlert error={disconnect.error} title="The store was not disconnected" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red.9" loading={disconnect.isPending} onClick={() => disconnect.mutate(undefined, { onSuccess: onClose })}>
            Disconnect store
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
