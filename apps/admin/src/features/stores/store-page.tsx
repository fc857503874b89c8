import type { MouseEvent, ReactNode } from 'react';
import { Anchor, Center, Group, Loader, Tabs, Text } from '@mantine/core';
import { Link, Redirect, useLocation, useRouter } from 'wouter';
import { StoreActivityPanel } from '../activity/store-activity-panel';
import { StoreOrdersPanel } from '../orders/store-orders-panel';
import { ProductMappingPanel } from '../products/product-mapping-panel';
import { LocationMappingsPanel } from '../store-settings/location-mappings-panel';
import { StoreSettingsPanel } from '../store-settings/store-settings-panel';
import { PageHeader } from '../../ui/page-header';
import { ErrorAlert } from '../../ui/query-state';
import { StatusBadge } from '../../ui/status-badge';
import { StoreOverviewPanel } from './store-overview-panel';
import { channelLabel, displayStatus, resolveTab, statusHint, storeTabs, type StoreTab } from './store-view';
import { useStore, type Store } from './stores.api';

/** One store: a header, and tabs whose choice lives in the URL (/stores/:id/:tab) so it survives reloads and links. */
export function StorePage({ id, tab }: { id: string; tab?: string | undefined }) {
  const query = useStore(id);
  if (query.isPending) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading store" />
      </Center>
    );
  }
  if (query.isError) {
    return (
      <>
        <PageHeader title="Store" />
        <ErrorAlert error={query.error} title="Could not load the store" />
        <Anchor component={Link} href="/stores" mt="md" display="inline-block">
          Back to stores
        </Anchor>
      </>
    );
  }
  const store = query.data;
  const current = resolveTab(store.channel, tab);
  if (current === null) {
    return <Redirect to={`/stores/${store.id}`} replace />;
  }
  return <StoreTabs store={store} current={current} />;
}

function StoreTabs({ store, current }: { store: Store; current: StoreTab }) {
  const [, navigate] = useLocation();
  const { base } = useRouter();
  const status = displayStatus(store);
  const pathOf = (tab: string) => (tab === 'overview' ? `/stores/${store.id}` : `/stores/${store.id}/${tab}`);

  return (
    <>
      <PageHeader
        title={store.name}
        description={`${channelLabel(store.channel)} · ${store.externalAccountId}`}
        actions={
          <Group gap={6} title={statusHint(status)}>
            <Text size="sm" c="gray.7">
              Status
            </Text>
            <StatusBadge status={status} />
          </Group>
        }
      />
      <Tabs value={current} onChange={(value) => value && value !== current && navigate(pathOf(value))} keepMounted={false}>
        <Tabs.List aria-label="Store sections" mb="md" style={{ flexWrap: 'wrap' }}>
          {storeTabs(store.channel).map((tab) => (
            <Tabs.Tab
              key={tab.value}
              value={tab.value}
              // A real link (open in a new tab, copy the address); a plain click is left to Tabs, which navigates.
              renderRoot={({ onClick, ...props }: { onClick?: (event: MouseEvent<HTMLAnchorElement>) => void }) => (
                <a
                  {...props}
                  href={`${base}${pathOf(tab.value)}`}
                  onClick={(event) => {
                    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) {
                      return;
                    }
                    event.preventDefault();
                    onClick?.(event);
                  }}
                />
              )}
            >
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {storeTabs(store.channel).map((tab) => (
          <Tabs.Panel key={tab.value} value={tab.value}>
            {tab.value === current && panelOf(store, current)}
          </Tabs.Panel>
        ))}
      </Tabs>
    </>
  );
}

function panelOf(store: Store, tab: StoreTab): ReactNode {
  switch (tab) {
    case 'overview':
      return <StoreOverviewPanel store={store} />;
    case 'locations':
      return <LocationMappingsPanel storeId={store.id} />;
    case 'products':
      return <ProductMappingPanel storeId={store.id} />;
    case 'settings':
      return <StoreSettingsPanel storeId={store.id} />;
    case 'orders':
      return <StoreOrdersPanel storeId={store.id} />;
    case 'activity':
      return <StoreActivityPanel storeId={store.id} />;
  }
}
