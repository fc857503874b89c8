import { Gid } from '../common/gid';
import { WebhookPayloads } from '../webhooks/webhook-payloads';
import type { SandboxStore } from './sandbox-store';
import type { InventoryChangeRecord, InventoryLevelRecord, ShopData } from './shop-records';

// States that count towards on_hand (incoming does not).
const ON_HAND_PARTS = ['available', 'committed', 'reserved', 'damaged', 'safety_stock', 'quality_control'];
export const ADJUSTABLE_NAMES = ['available', 'incoming', 'reserved', 'damaged', 'safety_stock', 'quality_control', 'committed'];
export const QUANTITY_NAMES = [...ADJUSTABLE_NAMES, 'on_hand'];

/** Inventory quantities per (item, location), keeping on_hand = available + committed + other on-hand states. */
export class InventoryLedger {
  constructor(
    private readonly store: SandboxStore,
    private readonly shop: ShopData,
  ) {}

  static key(itemId: string, locationId: string): string {
    return `${itemId}:${locationId}`;
  }

  level(itemId: string, locationId: string): InventoryLevelRecord | undefined {
    return this.shop.levels[InventoryLedger.key(itemId, locationId)];
  }

  /** Stocks an item at a location (inventoryActivate). */
  activate(itemId: string, locationId: string): InventoryLevelRecord {
    const existing = this.level(itemId, locationId);
    if (existing) {
      return existing;
    }
    const now = this.store.isoNow();
    const level: InventoryLevelRecord = { id: this.store.nextId(), itemId, locationId, quantities: {}, createdAt: now, updatedAt: now };
    this.shop.levels[InventoryLedger.key(itemId, locationId)] = level;
    return level;
  }

  /**
   * Levels are keyed by item and location, so probing each location is O(locations) instead of scanning every
   * level of the shop (which made catalog views quadratic in the number of variants). Sorted by id to keep the
   * order a full scan gave: levels are inserted in id order.
   */
  levelsOfItem(itemId: string): InventoryLevelRecord[] {
    const found: InventoryLevelRecord[] = [];
    for (const locationId of Object.keys(this.shop.locations)) {
      const level = this.shop.levels[InventoryLedger.key(itemId, locationId)];
      if (level) {
        found.push(level);
      }
    }
    return found.length > 1 ? found.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0)) : found;
  }

  quantity(level: InventoryLevelRecord | undefined, name: string): number {
    if (!level) {
      return 0;
    }
    if (name === 'on_hand') {
      return ON_HAND_PARTS.reduce((acc, part) => acc + (level.quantities[part] ?? 0), 0);
    }
    return level.quantities[name] ?? 0;
  }

  /** Applies a delta to one state; returns the changes Shopify reports (the state, plus on_hand when it moves). */
  adjust(
    itemId: string,
    locationId: string,
    name: string,
    delta: number,
    ledgerDocumentUri: string | null = null,
  ): InventoryChangeRecord[] {
    const level = this.activate(itemId, locationId);
    const changes: InventoryChangeRecord[] = [];
    const target = name === 'on_hand' ? 'available' : name;
    level.quantities[target] = (level.quantities[target] ?? 0) + delta;
    level.updatedAt = this.store.isoNow();
    const item = this.shop.inventoryItems[itemId];
    if (item) {
      item.updatedAt = level.updatedAt;
    }
    const record = (n: string, d: number) =>
      changes.push({ name: n, delta: d, quantityAfterChange: this.quantity(level, n), itemId, locationId, ledgerDocumentUri });
    if (name === 'on_hand') {
      record('on_hand', delta);
      record('available', delta);
    } else {
      record(name, delta);
      if (ON_HAND_PARTS.includes(name) && name !== 'committed') {
        record('on_hand', delta);
      }
    }
    if (delta !== 0 && (target === 'available' || name === 'on_hand')) {
      this.announce(level);
    }
    return changes;
  }

  set(itemId: string, locationId: string, name: 'available' | 'on_hand', quantity: number): InventoryChangeRecord[] {
    const current = this.quantity(this.level(itemId, locationId), name);
    return this.adjust(itemId, locationId, name, quantity - current);
  }

  /** Moves quantity between states without touching on_hand (e.g. available → committed for an order). */
  move(itemId: string, locationId: string, from: string, to: string, quantity: number): void {
    const level = this.activate(itemId, locationId);
    level.quantities[from] = (level.quantities[from] ?? 0) - quantity;
    level.quantities[to] = (level.quantities[to] ?? 0) + quantity;
    level.updatedAt = this.store.isoNow();
    if (quantity !== 0 && (from === 'available' || to === 'available')) {
      this.announce(level);
    }
  }

  gid(level: InventoryLevelRecord): string {
    return `${Gid.of('InventoryLevel', level.id)}?inventory_item_id=${level.itemId}`;
  }

  private announce(level: InventoryLevelRecord): void {
    this.store.emit(this.shop.domain, 'inventory_levels/update', () => WebhookPayloads.inventoryLevel(this, level));
  }
}
