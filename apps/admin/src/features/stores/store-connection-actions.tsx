import { useState } from 'react';
import { Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useSession } from '../../auth/session-context';
import { ErrorAlert } from '../../ui/query-state';
import { DeleteStoreModal } from './delete-store-modal';
import { DisconnectStoreModal } from './disconnect-store-modal';
import { JoorConnectForm } from './joor-connect-form';
import { connectionActions, JOOR_CHANNEL } from './store-view';
import { useConnectShopify, type Store } from './stores.api';

/** Reconnect, disconnect and delete, as far as the signed-in person's role allows. */
export function StoreConnectionActions({ store }: { store: Store }) {
  const session = useSession();
  const allowed = connectionActions(store, session.user?.role);
  const [disconnecting, disconnect] = useDisclosure(false);
  const [deleting, del] = useDisclosure(false);
  const [joorReconnect, joor] = useDisclosure(false);
  const shopify = useConnectShopify();
  const [redirecting, setRedirecting] = useState(false);

  if (!allowed.reconnect && !allowed.disconnect && !allowed.remove) {
    return null;
  }

  // Shopify: the same request as adding the shop; the store, its mappings and settings are found again by domain.
  const reconnect = () => {
    if (store.channel === JOOR_CHANNEL) {
      joor.open();
      return;
    }
    shopify.mutate(
      { shopDomain: store.externalAccountId },
      {
        onSuccess: ({ authorizeUrl }) => {
          setRedirecting(true);
          window.location.assign(authorizeUrl);
        },
      },
    );
  };

  return (
    <Paper withBorder p="md" component="section" aria-label="Manage connection">
      <Title order={2} size="h4" mb="sm">
        Manage connection
      </Title>
      <Stack gap="sm">
        <Group gap="sm">
          {allowed.reconnect && (
            <Button variant="light" loading={shopify.isPending || redirecting} onClick={reconnect}>
              Reconnect
            </Button>
          )}
          {allowed.disconnect && (
            <Button variant="outline" color="red.9" onClick={disconnect.open}>
              Disconnect
            </Button>
          )}
          {allowed.remove && (
            <Button color="red.9" onClick={del.open}>
              Delete store
            </Button>
          )}
        </Group>
        {!allowed.remove && session.can('admin') && (
          <Text size="xs" c="gray.7">
            A store can be deleted once it is disconnected.
          </Text>
        )}
        {shopify.isError && <ErrorAlert error={shopify.error} title="Could not start reconnecting" />}
      </Stack>
      {disconnecting && <DisconnectStoreModal store={store} opened={disconnecting} onClose={disconnect.close} />}
      {deleting && <DeleteStoreModal store={store} opened={deleting} onClose={del.close} />}
      {joorReconnect && (
        <Modal
          closeButtonProps={{ 'aria-label': 'Close' }}
          opened={joorReconnect}
          onClose={joor.close}
          title={`Reconnect ${store.name}`}
          size="lg"
        >
          <JoorConnectForm
            initial={{ name: store.name, shopifyStoreId: store.targetStoreId ?? '' }}
            onCancel={joor.close}
            onConnected={joor.close}
          />
        </Modal>
      )}
    </Paper>
  );
}
