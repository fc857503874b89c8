import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useLocation } from 'wouter';
import { ErrorAlert } from '../../ui/query-state';
import { useDeleteStore, type Store } from './stores.api';

/** Confirms removing a disconnected store; the API's 409 sentence (e.g. a JOOR account still exports to it) shows here. */
export function DeleteStoreModal({ store, opened, onClose }: { store: Store; opened: boolean; onClose: () => void }) {
  const remove = useDeleteStore(store.id);
  const [, navigate] = useLocation();
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title={`Delete ${store.name}?`}>
      <Stack>
        <Text size="sm">
          Removes the store with its mappings, settings, pending work and sync history. Warehouse orders it brought in stay. This cannot be
          undone; to connect the account again later, add it as a new store.
        </Text>
        {remove.isError && <ErrorAlert error={remove.error} title="The store was not deleted" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red.9"
            loading={remove.isPending}
            onClick={() => remove.mutate(undefined, { onSuccess: () => navigate('/stores', { replace: true }) })}
          >
            Delete store
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
