import { Gid } from '../common/gid';
import { ConnectionBuilder } from '../graphql/connection.builder';
import { InventoryLedger } from '../state/inventory-ledger';
import type { InventoryItemRecord, InventoryLevelRecord, LocationRecord, ProductRecord, VariantRecord } from '../state/shop-records';
import type { Args, ResolverContext } from './resolver-context';
import { SandboxViews } from './sandbox-views';

/** GraphQL view objects for locations, products, variants, inventory items and levels. */
export class CatalogViews {
  readonly ledger: InventoryLedger;

  constructor(private readonly ctx: ResolverContext) {
    this.ledger = new InventoryLedger(ctx.store, ctx.shop);
  }

  connection<T extends { id: string }>(items: T[], args: Args, toNode: (item: T) => unknown): Record<string, unknown> {
    return ConnectionBuilder.build(items, args, toNode, this.ctx.unbounded);
  }

  location(l: LocationRecord): Record<string, unknown> {
    const primary = Object.keys(this.ctx.shop.locations)[0] === l.id;
    const service = l.fulfillmentServiceId ? this.ctx.shop.fulfillmentServices?.[l.fulfillmentServiceId] : undefined;
    return {
      __typename: 'Location',
      id: Gid.of('Location', l.id),
      legacyResourceId: l.id,
      name: l.name,
      isActive: l.isActive,
      isPrimary: primary,
      activatable: !l.isActive,
      deactivatable: l.isActive,
      fulfillsOnlineOrders: true,
      // A fulfillment service's location does not ship the merchant's inventory (as captured from Shopify).
      shipsInventory: !service,
      // Lazy: a scan of every level, which a push answering 250 changes' locations must not pay 250 times.
      hasActiveInventory: () => Object.values(this.ctx.shop.levels).some((lv) => lv.locationId === l.id),
      isFulfillmentService: service !== undefined,
      fulfillmentService: service ? () => SandboxViews.of(this.ctx).fulfillmentOrders.service(service) : null,
      createdAt: l.createdAt,
      updatedAt: l.updatedAt,
      address: {
        address1: null,
        address2: null,
        city: null,
        country: 'United States',
        countryCode: 'US',
        zip: null,
        province: null,
        provinceCode: null,
        phone: null,
        formatted: [],
      },
      inventoryLevels: (args: Args) => this.connection(ConnectionBuilder.byId(this.levelsAt(l.id)), args, (lv) => this.level(lv)),
      inventoryLevel: (args: Args) => {
        const itemId = Gid.parse(args.inventoryItemId, 'InventoryItem');
        const level = itemId ? this.ledger.level(itemId, l.id) : undefined;
        return level ? this.level(level) : null;
      },
    };
  }

  product(p: ProductRecord): Record<string, unknown> {
    const variants = () => p.variantIds.flatMap((id) => this.ctx.shop.variants[id] ?? []);
    return {
      __typename: 'Product',
      id: Gid.of('Product', p.id),
      legacyResourceId: p.id,
      title: p.title,
      handle: p.handle,
      status: p.status,
      vendor: p.vendor,
      productType: p.productType,
      tags: p.tags,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      publishedAt: p.status === 'ACTIVE' ? p.createdAt : null,
      description: '',
      descriptionHtml: '',
      hasOnlyDefaultVariant: p.variantIds.length === 1 && variants()[0]?.title === 'Default Title',
      tracksInventory: variants().some((v) => this.ctx.shop.inventoryItems[v.inventoryItemId]?.tracked),
      totalInventory: variants().reduce((acc, v) => acc + this.available(v.inventoryItemId), 0),
      variantsCount: { count: p.variantIds.length, precision: 'EXACT' },
      variants: (args: Args) => this.connection(variants(), args, (v) => this.variant(v)),
    };
  }

  variant(v: VariantRecord): Record<string, unknown> {
    const product = this.ctx.shop.products[v.productId];
    return {
      __typename: 'ProductVariant',
      id: Gid.of('ProductVariant', v.id),
      legacyResourceId: v.id,
      title: v.title,
      displayName: `${product?.title ?? ''} - ${v.title}`,
      sku: v.sku,
      barcode: v.barcode,
      price: v.price,
      compareAtPrice: null,
      position: v.position,
      inventoryPolicy: v.inventoryPolicy,
      inventoryQuantity: this.available(v.inventoryItemId),
      availableForSale: v.inventoryPolicy === 'CONTINUE' || this.available(v.inventoryItemId) > 0,
      taxable: true,
      createdAt: v.createdAt,
      updatedAt: v.updatedAt,
      selectedOptions: v.title === 'Default Title' ? [{ name: 'Title', value: 'Default Title' }] : [{ name: 'Title', value: v.title }],
      product: () => (product ? this.product(product) : null),
      inventoryItem: () => {
        const item = this.ctx.shop.inventoryItems[v.inventoryItemId];
        return item ? this.inventoryItem(item) : null;
      },
    };
  }

  inventoryItem(i: InventoryItemRecord): Record<string, unknown> {
    const variant = this.ctx.shop.variants[i.variantId];
    return {
      __typename: 'InventoryItem',
      id: Gid.of('InventoryItem', i.id),
      legacyResourceId: i.id,
      sku: i.sku,
      tracked: i.tracked,
      requiresShipping: true,
      createdAt: i.createdAt,
      updatedAt: i.updatedAt,
      locationsCount: () => ({ count: this.ledger.levelsOfItem(i.id).length, precision: 'EXACT' }),
      variant: () => (variant ? this.variant(variant) : null),
      variants: (args: Args) => this.connection(variant ? [variant] : [], args, (v) => this.variant(v)),
      inventoryLevels: (args: Args) =>
        this.connection(ConnectionBuilder.byId(this.ledger.levelsOfItem(i.id)), args, (lv) => this.level(lv)),
      inventoryLevel: (args: Args) => {
        const locationId = Gid.parse(args.locationId, 'Location');
        const level = locationId ? this.ledger.level(i.id, locationId) : undefined;
        return level ? this.level(level) : null;
      },
    };
  }

  level(lv: InventoryLevelRecord): Record<string, unknown> {
    return {
      __typename: 'InventoryLevel',
      id: this.ledger.gid(lv),
      createdAt: lv.createdAt,
      updatedAt: lv.updatedAt,
      canDeactivate: true,
      quantities: (args: Args) =>
        (args.names as string[]).map((name) => ({
          __typename: 'InventoryQuantity',
          id: `${Gid.of('InventoryQuantity', lv.id)}?inventory_item_id=${lv.itemId}&name=${name}`,
          name,
          quantity: this.ledger.quantity(lv, name),
          updatedAt: lv.updatedAt,
        })),
      location: () => {
        const location = this.ctx.shop.locations[lv.locationId];
        return location ? this.location(location) : null;
      },
      item: () => {
        const item = this.ctx.shop.inventoryItems[lv.itemId];
        return item ? this.inventoryItem(item) : null;
      },
    };
  }

  private levelsAt(locationId: string): InventoryLevelRecord[] {
    return Object.values(this.ctx.shop.levels).filter((lv) => lv.locationId === locationId);
  }

  private available(itemId: string): number {
    return this.ledger.levelsOfItem(itemId).reduce((acc, lv) => acc + this.ledger.quantity(lv, 'available'), 0);
  }
}
