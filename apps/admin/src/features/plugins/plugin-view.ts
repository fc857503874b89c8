import { guideFor } from './integration-guides';
import type { Plugin } from './plugins.api';

/** One plugin as its card shows it. */
export interface PluginCard {
  key: string;
  name: string;
  active: boolean;
  /** The badge's word: colour is not the only signal. */
  status: 'active' | 'inactive';
  summary: string;
  hasGuide: boolean;
  /** The button an admin sees; null for anyone else (the API refuses them). */
  action: 'activate' | 'deactivate' | null;
}

/** The plugins as cards, by name; `canManage` is whether the person is an admin. */
export function pluginCards(plugins: readonly Plugin[], canManage: boolean): PluginCard[] {
  return [...plugins]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((plugin) => {
      const guide = guideFor(plugin.key);
      return {
        key: plugin.key,
        name: plugin.name,
        active: plugin.active,
        status: plugin.active ? 'active' : 'inactive',
        summary: guide?.summary ?? `Connects ${plugin.name} stores to the warehouse.`,
        hasGuide: guide !== null,
        action: canManage ? (plugin.active ? 'deactivate' : 'activate') : null,
      };
    });
}

/** What deactivating does, as the confirmation says it (libs/core/src/plugin: it only refuses connections; stores stay). */
export function deactivationEffects(plugin: Pick<Plugin, 'key' | 'name'>): string[] {
  return [
    `No new ${plugin.name} store can be connected while the plugin is inactive.`,
    ...(guideFor(plugin.key)?.deactivateEffects ?? []),
    'Nothing is deleted: stores, their settings, mappings and history stay, and activating the plugin again picks up where it left off.',
  ];
}
