import { Stack, Text } from '@mantine/core';
import { useSession } from '../../auth/session-context';
import { QueryState } from '../../ui/query-state';
import { JoorSettingsForm } from './joor-settings-form';
import { OrderSettingsForm } from './order-settings-form';
import { ReturnsForm } from './returns-form';
import { StockSyncForm } from './stock-sync-form';
import { useStore } from './store-settings.api';

/**
 * A store's settings, one section per flow its channel has (a section shows when the channel's settings carry its
 * group), each saved on its own. Admins edit; everyone else reads.
 */
export function StoreSettingsPanel({ storeId }: { storeId: string }) {
  const store = useStore(storeId);
  const canEdit = useSession().can('admin');

  return (
    <QueryState query={store} label="the store's settings">
      {({ channel, settings, targetStoreId }) => {
        const sections = [
          'stockSync' in settings && <StockSyncForm key="stock" storeId={storeId} settings={settings} canEdit={canEdit} />,
          'orderFilters' in settings && <OrderSettingsForm key="orders" storeId={storeId} settings={settings} canEdit={canEdit} />,
          'returns' in settings && <ReturnsForm key="returns" storeId={storeId} settings={settings} canEdit={canEdit} />,
          channel === 'joor-b2b' && (
            <JoorSettingsForm key="joor" storeId={storeId} targetStoreId={targetStoreId} settings={settings} canEdit={canEdit} />
          ),
        ].filter(Boolean);
        return (
          <Stack gap="lg">
            {!canEdit && (
              <Text c="dimmed" size="sm">
                Only admins change a store's settings.
              </Text>
            )}
            {sections.length > 0 ? sections : <Text>This store's channel has no settings to change here.</Text>}
          </Stack>
        );
      }}
    </QueryState>
  );
}
