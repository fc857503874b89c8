import type { SandboxStore } from './sandbox-store';
import type { FulfillmentServiceRecord, ShopData } from './shop-records';

export interface FulfillmentServiceInput {
  name: string;
  // The app that owns the service; its token may fulfil the service's fulfillment orders.
  apiKey: string;
  callbackUrl?: string | null;
  inventoryManagement?: boolean;
  trackingSupport?: boolean;
  requiresShippingMethod?: boolean;
}

const handleOf = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Third-party fulfillment services of a shop. Creating one creates its own location (Location.isFulfillmentService,
 * shipsInventory false, named like the service), as fulfillmentServiceCreate does on Shopify.
 */
export class FulfillmentServiceRegistry {
  constructor(
    private readonly store: SandboxStore,
    private readonly shop: ShopData,
  ) {}

  private get services(): Record<string, FulfillmentServiceRecord> {
    this.shop.fulfillmentServices ??= {};
    return this.shop.fulfillmentServices;
  }

  all(): FulfillmentServiceRecord[] {
    return Object.values(this.services);
  }

  get(id: string): FulfillmentServiceRecord | undefined {
    return this.services[id];
  }

  ofLocation(locationId: string): FulfillmentServiceRecord | undefined {
    const id = this.shop.locations[locationId]?.fulfillmentServiceId;
    return id ? this.services[id] : undefined;
  }

  /** Returns the userError Shopify gives for the name, or the created service. */
  create(input: FulfillmentServiceInput): { service: FulfillmentServiceRecord } | { error: { field: string[]; message: string } } {
    const name = input.name.trim();
    if (name.length === 0) {
      return { error: { field: ['name'], message: "Name can't be blank" } };
    }
    const handle = handleOf(name);
    if (this.all().some((s) => s.handle === handle || s.name === name)) {
      return { error: { field: ['name'], message: 'Name has already been taken' } };
    }
    const now = this.store.isoNow();
    const id = this.store.nextId();
    const locationId = this.store.nextId();
    this.shop.locations[locationId] = { id: locationId, name, isActive: true, fulfillmentServiceId: id, createdAt: now, updatedAt: now };
    const service: FulfillmentServiceRecord = {
      id,
      apiKey: input.apiKey,
      name,
      handle,
      locationId,
      callbackUrl: input.callbackUrl ?? null,
      inventoryManagement: input.inventoryManagement ?? true,
      trackingSupport: input.trackingSupport ?? false,
      requiresShippingMethod: input.requiresShippingMethod ?? true,
      createdAt: now,
    };
    this.services[id] = service;
    return { service };
  }
}
