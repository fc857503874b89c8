import { useState } from 'react';
import { Group, Modal, Radio, Stack } from '@mantine/core';
import { useLocation } from 'wouter';
import { JoorConnectForm } from './joor-connect-form';
import { ShopifyConnectForm } from './shopify-connect-form';
import { JOOR_CHANNEL, SHOPIFY_CHANNEL } from './store-view';

/** "+ Add Store": which channel, then that channel's connect form. */
export function AddStoreModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [channel, setChannel] = useState<string>(SHOPIFY_CHANNEL);
  const [, navigate] = useLocation();
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title="Add store" size="lg">
      <Stack>
        <Radio.Group label="Channel" value={channel} onChange={setChannel}>
          <Group mt="xs">
            <Radio value={SHOPIFY_CHANNEL} label="Shopify" />
            <Radio value={JOOR_CHANNEL} label="JOOR" />
          </Group>
        </Radio.Group>
        {channel === SHOPIFY_CHANNEL ? (
          <ShopifyConnectForm onCancel={onClose} />
        ) : (
          <JoorConnectForm onCancel={onClose} onConnected={(store) => navigate(`/stores/${store.id}`)} />
        )}
      </Stack>
    </Modal>
  );
}
