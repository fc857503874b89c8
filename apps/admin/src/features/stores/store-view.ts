import { hasRole, type Role } from '../../auth/role';
import type { StockSyncView, Store } from './stores.api';

/** Turns the API's store view into what the stores pages show; pure, so it is unit-tested. */

export const JOOR_CHANNEL = 'joor-b2b';
export const SHOPIFY_CHANNEL = 'shopify';

const CHANNEL_LABELS: Record<string, string> = { [SHOPIFY_CHANNEL]: 'Shopify', [JOOR_CHANNEL]: 'JOOR' };

export function channelLabel(channel: string): string {
  return CHANNEL_LABELS[channel] ?? channel;
}

/** The API's status, or `pending` for a store whose first connection never finished (disconnected, never connected). */
export type DisplayStatus = Store['status'] | 'pending';

export function displayStatus(store: Pick<Store, 'status' | 'connectedAt'>): DisplayStatus {
  return store.status === 'disconnected' && store.connectedAt === null ? 'pending' : store.status;
}

const STATUS_HINTS: Record<DisplayStatus, string> = {
  connected: 'Connected: its flows run',
  needs_reauth: 'The channel refused our access: reconnect to grant it again',
  disconnected: 'Disconnected: credentials forgotten; mappings, settings and history kept',
  pending: 'Connection not finished: authorise it on the channel, or remove it',
};

export function statusHint(status: DisplayStatus): string {
  return STATUS_HINTS[status];
}

/** The stock sync state as a badge word and a sentence; no badge for channels without stock sync. */
export function stockSyncSummary(stockSync: StockSyncView | null): { state: StockSyncView['state'] | null; text: string } {
  if (!stockSync) {
    return { state: null, text: 'Not used by this channel' };
  }
  switch (stockSync.state) {
    case 'live':
      return { state: 'live', text: 'Changes go out as they happen' };
    case 'paused':
      return { state: 'paused', text: stockSync.reason ?? 'Nothing goes out for now' };
    case 'catching-up': {
      const n = stockSync.pendingPairs;
      return { state: 'catching-up', text: `${n} ${n === 1 ? 'change' : 'changes'} on the way to the channel` };
    }
  }
}

export type StoreTab = 'overview' | 'locations' | 'products' | 'settings' | 'orders' | 'activity';

const TABS: { value: StoreTab; label: string }[] = [
  { value: 'overview', label: 'Overview' },
  { value: 'locations', label: 'Locations' },
  { value: 'products', label: 'Products' },
  { value: 'settings', label: 'Settings' },
  { value: 'orders', label: 'Orders' },
  { value: 'activity', label: 'Activity' },
];

/** The store page's tabs: JOOR accounts have no locations or products of their own (they export to a Shopify store). */
export function storeTabs(channel: string): { value: StoreTab; label: string }[] {
  return channel === JOOR_CHANNEL ? TABS.filter((t) => t.value !== 'locations' && t.value !== 'products') : TABS;
}

/** The tab the URL names, or null when the store has no such tab (then the page shows Overview). */
export function resolveTab(channel: string, tab: string | undefined): StoreTab | null {
  if (tab === undefined || tab === '') {
    return 'overview';
  }
  return storeTabs(channel).find((t) => t.value === tab)?.value ?? null;
}

export interface SyncAction {
  /** The path under /stores/:id/ to POST to. */
  path: 'stock-reconcile' | 'order-import' | 'joor-sync';
  label: string;
  description: string;
}

/** The "sync now" buttons the API has for this store; only for connected stores (the API refuses the others). */
export function syncActions(store: Pick<Store, 'channel' | 'status' | 'stockSync'>): SyncAction[] {
  if (store.status !== 'connected') {
    return [];
  }
  if (store.channel === JOOR_CHANNEL) {
    return [{ path: 'joor-sync', label: 'Export JOOR orders now', description: 'Fetches approved JOOR orders and exports the new ones' }];
  }
  const actions: SyncAction[] = [];
  if (store.stockSync) {
    actions.push({
      path: 'stock-reconcile',
      label: 'Reconcile stock now',
      description: "Compares the channel's stock with the warehouse's (absolute mode corrects differences)",
    });
  }
  if (store.channel === SHOPIFY_CHANNEL) {
    actions.push({
      path: 'order-import',
      label: 'Import orders now',
      description: 'Imports the orders webhooks missed since the last run',
    });
  }
  return actions;
}

/** What the signed-in person may do to the store's connection (the API checks again). */
export function connectionActions(
  store: Pick<Store, 'channel' | 'status'>,
  role: Role | undefined,
): { reconnect: boolean; disconnect: boolean; remove: boolean } {
  const manager = hasRole(role, 'integration_manager');
  return {
    reconnect: manager && (store.channel === SHOPIFY_CHANNEL || store.channel === JOOR_CHANNEL),
    disconnect: manager && store.status !== 'disconnected',
    remove: hasRole(role, 'admin') && store.status === 'disconnected',
  };
}

/**
 * An API field message as shown under its field: a bare predicate ("is not a valid myshopify.com shop") gets the
 * field's label in front; a sentence that names the field already ("apiToken must be …") or starts capitalised stays.
 */
export function fieldText(field: string, label: string, messages: Record<string, string>): string | undefined {
  const message = messages[field];
  if (!message) {
    return undefined;
  }
  return message.startsWith(`${field} `) || !/^[a-z]/.test(message) ? message : `${label} ${message}`;
}
