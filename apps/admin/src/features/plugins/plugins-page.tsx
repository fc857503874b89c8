import { useState } from 'react';
import { SimpleGrid, Text, Title } from '@mantine/core';
import { useSession } from '../../auth/session-context';
import { PageHeader } from '../../ui/page-header';
import { ErrorAlert, QueryState } from '../../ui/query-state';
import { DeactivatePluginModal } from './deactivate-plugin-modal';
import { IntegrationGuideDrawer } from './integration-guide-drawer';
import { guideFor } from './integration-guides';
import { PluginCard } from './plugin-card';
import { pluginCards } from './plugin-view';
import { usePlugins, useSetPluginActive, type Plugin } from './plugins.api';

/** Plugins → Marketplaces: each channel's state, its Integration guide, and the admin's activate / deactivate. */
export function PluginsPage() {
  const session = useSession();
  const plugins = usePlugins();
  const setActive = useSetPluginActive();
  const [confirming, setConfirming] = useState<Plugin | null>(null);
  const [guideKey, setGuideKey] = useState<string | null>(null);
  const guidePlugin = plugins.data?.find((p) => p.key === guideKey) ?? null;
  const pendingKey = setActive.isPending ? setActive.variables.key : null;

  const activate = (plugin: Plugin) => {
    setActive.mutate({ key: plugin.key, active: true });
  };
  const deactivate = () => {
    if (confirming) {
      setActive.mutate({ key: confirming.key, active: false }, { onSuccess: () => setConfirming(null) });
    }
  };

  return (
    <>
      <PageHeader title="Plugins" description="The channels this Gantry can connect. Only active plugins accept new stores." />
      <Title order={2} size="h3" mb="sm">
        Marketplaces
      </Title>
      {setActive.isError && confirming === null && <ErrorAlert error={setActive.error} title="The plugin was not changed" />}
      <QueryState query={plugins} label="plugins">
        {(list) =>
          list.length === 0 ? (
            <Text>No channel is registered in this deployment.</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" mt="sm">
              {pluginCards(list, session.can('admin')).map((card) => {
                const plugin = list.find((p) => p.key === card.key);
                return (
                  plugin && (
                    <PluginCard
                      key={card.key}
                      card={card}
                      busy={pendingKey === card.key}
                      onActivate={() => activate(plugin)}
                      onDeactivate={() => {
                        setActive.reset();
                        setConfirming(plugin);
                      }}
                      onOpenGuide={() => setGuideKey(card.key)}
                    />
                  )
                );
              })}
            </SimpleGrid>
          )
        }
      </QueryState>
      <DeactivatePluginModal
        plugin={confirming}
        busy={setActive.isPending}
        error={setActive.error}
        onConfirm={deactivate}
        onClose={() => {
          setConfirming(null);
          setActive.reset();
        }}
      />
      <IntegrationGuideDrawer
        name={guidePlugin?.name ?? ''}
        guide={guideKey ? guideFor(guideKey) : null}
        opened={guidePlugin !== null}
        onClose={() => setGuideKey(null)}
      />
    </>
  );
}
