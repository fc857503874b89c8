import { Gid } from '../common/gid';
import { ConnectionBuilder } from '../graphql/connection.builder';
import { SearchQuery } from '../search/search-query.parser';
import type { ProductRecord, ShopData, VariantRecord } from '../state/shop-records';
import type { Args, ResolverContext, RootResolvers } from './resolver-context';
import { SandboxViews } from './sandbox-views';

interface VariantInput {
  sku?: string | null;
  barcode?: string | null;
  price?: string | null;
  inventoryPolicy?: 'CONTINUE' | 'DENY' | null;
  inventoryItem?: { sku?: string | null; tracked?: boolean | null } | null;
  inventoryQuantities?: { locationId: string; quantity?: number; availableQuantity?: number; name?: string }[] | null;
  optionValues?: { name?: string | null; optionName?: string | null }[] | null;
}

const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Products, variants and inventory items: reads, search strings and catalog seeding mutations. */
export class CatalogResolvers {
  static productFields(shop: ShopData, p: ProductRecord): (f: string) => string | string[] | null {
    const variants = p.variantIds.flatMap((id) => shop.variants[id] ?? []);
    return (f) => {
      switch (f) {
        case 'sku':
          return variants.map((v) => v.sku ?? '');
        case 'barcode':
          return variants.map((v) => v.barcode ?? '');
        case 'title':
        case 'default':
          return p.title;
        case 'status':
          return p.status;
        case 'vendor':
          return p.vendor;
        case 'product_type':
          return p.productType;
        case 'tag':
          return p.tags;
        case 'handle':
          return p.handle;
        case 'id':
          return p.id;
        case 'updated_at':
          return p.updatedAt;
        case 'created_at':
          return p.createdAt;
        default:
          return null;
      }
    };
  }

  static variantFields(shop: ShopData, v: VariantRecord): (f: string) => string | string[] | null {
    const product = shop.products[v.productId];
    return (f) => {
      switch (f) {
        case 'sku':
          return v.sku;
        case 'barcode':
          return v.barcode;
        case 'default':
          return [v.sku ?? '', v.title, product?.title ?? ''];
        case 'title':
          return v.title;
        case 'product_id':
          return v.productId;
        case 'product_status':
          return product?.status ?? null;
        case 'id':
          return v.id;
        case 'inventory_item_id':
          return v.inventoryItemId;
        case 'updated_at':
          return v.updatedAt;
        case 'created_at':
          return v.createdAt;
        default:
          return null;
      }
    };
  }

  static register(roots: RootResolvers): void {
    const views = (ctx: ResolverContext) => SandboxViews.of(ctx).catalog;
    roots.query.products = (args, ctx) => {
      const q = SearchQuery.parse(args.query as string | null);
      const list = ConnectionBuilder.byId(Object.values(ctx.shop.products)).filter((p) =>
        q.matches(CatalogResolvers.productFields(ctx.shop, p)),
      );
      return views(ctx).connection(list, args, (p) => views(ctx).product(p));
    };
    roots.query.product = (args, ctx) => {
      const p = ctx.shop.products[Gid.parse(args.id, 'Product') ?? ''];
      return p ? views(ctx).product(p) : null;
    };
    roots.query.productVariants = (args, ctx) => {
      const q = SearchQuery.parse(args.query as string | null);
      const list = ConnectionBuilder.byId(Object.values(ctx.shop.variants)).filter((v) =>
        q.matches(CatalogResolvers.variantFields(ctx.shop, v)),
      );
      return views(ctx).connection(list, args, (v) => views(ctx).variant(v));
    };
    roots.query.productVariant = (args, ctx) => {
      const v = ctx.shop.variants[Gid.parse(args.id, 'ProductVariant') ?? ''];
      return v ? views(ctx).variant(v) : null;
    };
    roots.query.inventoryItems = (args, ctx) => {
      const q = SearchQuery.parse(args.query as string | null);
      const list = ConnectionBuilder.byId(Object.values(ctx.shop.inventoryItems)).filter((i) =>
        q.matches((f) =>
          f === 'sku' || f === 'default'
            ? i.sku
            : f === 'id'
              ? i.id
              : f === 'updated_at'
                ? i.updatedAt
                : f === 'created_at'
                  ? i.createdAt
                  : null,
        ),
      );
      return views(ctx).connection(list, args, (i) => views(ctx).inventoryItem(i));
    };
    roots.query.inventoryItem = (args, ctx) => {
      const i = ctx.shop.inventoryItems[Gid.parse(args.id, 'InventoryItem') ?? ''];
      return i ? views(ctx).inventoryItem(i) : null;
    };
    roots.mutation.productCreate = (args, ctx) => {
      const input = (args.product ?? args.input ?? {}) as Args;
      const product = CatalogResolvers.createProduct(ctx, input);
      CatalogResolvers.addVariant(ctx, product, { price: '0.00' }, 'Default Title');
      return { product: views(ctx).product(product), userErrors: [] };
    };
    roots.mutation.productVariantsBulkCreate = (args, ctx) => {
      const product = ctx.shop.products[Gid.parse(args.productId, 'Product') ?? ''];
      if (!product) {
        return {
          product: null,
          productVariants: null,
          userErrors: [{ field: ['productId'], message: 'Product does not exist', code: 'PRODUCT_DOES_NOT_EXIST' }],
        };
      }
      const strategy = (args.strategy as string | undefined) ?? 'DEFAULT';
      if (strategy !== 'PRESERVE_STANDALONE_VARIANT') {
        CatalogResolvers.removeDefaultVariant(ctx.shop, product);
      }
      const created = (args.variants as VariantInput[]).map((input) => CatalogResolvers.addVariant(ctx, product, input));
      return { product: views(ctx).product(product), productVariants: created.map((v) => views(ctx).variant(v)), userErrors: [] };
    };
    roots.mutation.productSet = (args, ctx) => {
      const input = args.input as Args;
      const existing = ctx.shop.products[Gid.parse(input.id ?? (args.identifier as Args | undefined)?.id, 'Product') ?? ''];
      const product = existing ?? CatalogResolvers.createProduct(ctx, input);
      if (existing) {
        Object.assign(existing, CatalogResolvers.productAttributes(input, existing), { updatedAt: ctx.store.isoNow() });
      }
      const variants = (input.variants as VariantInput[] | undefined) ?? [];
      if (variants.length > 0) {
        for (const id of product.variantIds) {
          CatalogResolvers.dropVariant(ctx.shop, id);
        }
        product.variantIds = [];
        variants.forEach((v) => CatalogResolvers.addVariant(ctx, product, v));
      } else if (product.variantIds.length === 0) {
        CatalogResolvers.addVariant(ctx, product, { price: '0.00' }, 'Default Title');
      }
      return { product: views(ctx).product(product), productSetOperation: null, userErrors: [] };
    };
  }

  private static productAttributes(input: Args, base?: ProductRecord): Partial<ProductRecord> {
    const title = (input.title as string | undefined) ?? base?.title ?? 'Untitled product';
    return {
      title,
      handle: (input.handle as string | undefined) ?? base?.handle ?? slug(title),
      status: (input.status as ProductRecord['status'] | undefined) ?? base?.status ?? 'ACTIVE',
      vendor: (input.vendor as string | undefined) ?? base?.vendor ?? '',
      productType: (input.productType as string | undefined) ?? base?.productType ?? '',
      tags: (input.tags as string[] | undefined) ?? base?.tags ?? [],
    };
  }

  static createProduct(ctx: ResolverContext, input: Args): ProductRecord {
    const now = ctx.store.isoNow();
    const product = {
      id: ctx.store.nextId(),
      variantIds: [],
      createdAt: now,
      updatedAt: now,
      ...CatalogResolvers.productAttributes(input),
    } as ProductRecord;
    ctx.shop.products[product.id] = product;
    return product;
  }

  static addVariant(ctx: ResolverContext, product: ProductRecord, input: VariantInput, title?: string): VariantRecord {
    const now = ctx.store.isoNow();
    const sku = input.inventoryItem?.sku ?? input.sku ?? null;
    const variantId = ctx.store.nextId();
    const itemId = ctx.store.nextId();
    const optionTitle = input.optionValues
      ?.map((o) => o.name)
      .filter(Boolean)
      .join(' / ');
    const variant: VariantRecord = {
      id: variantId,
      productId: product.id,
      title: title ?? (optionTitle || sku || 'Default Title'),
      sku,
      barcode: input.barcode ?? null,
      price: input.price ?? '0.00',
      inventoryPolicy: input.inventoryPolicy ?? 'DENY',
      inventoryItemId: itemId,
      position: product.variantIds.length + 1,
      createdAt: now,
      updatedAt: now,
    };
    ctx.shop.variants[variantId] = variant;
    ctx.shop.inventoryItems[itemId] = {
      id: itemId,
      sku,
      tracked: input.inventoryItem?.tracked ?? true,
      variantId,
      createdAt: now,
      updatedAt: now,
    };
    product.variantIds.push(variantId);
    product.updatedAt = now;
    const ledger = SandboxViews.of(ctx).catalog.ledger;
    for (const q of input.inventoryQuantities ?? []) {
      const locationId = Gid.parse(q.locationId, 'Location');
      if (locationId && ctx.shop.locations[locationId]) {
        ledger.activate(itemId, locationId);
        ledger.set(itemId, locationId, q.name === 'on_hand' ? 'on_hand' : 'available', q.availableQuantity ?? q.quantity ?? 0);
      }
    }
    return variant;
  }

  private static removeDefaultVariant(shop: ShopData, product: ProductRecord): void {
    const only = product.variantIds.length === 1 ? shop.variants[product.variantIds[0]] : undefined;
    if (only && only.title === 'Default Title') {
      CatalogResolvers.dropVariant(shop, only.id);
      product.variantIds = [];
    }
  }

  private static dropVariant(shop: ShopData, variantId: string): void {
    const variant = shop.variants[variantId];
    if (!variant) {
      return;
    }
    delete shop.variants[variantId];
    delete shop.inventoryItems[variant.inventoryItemId];
    for (const [key, level] of Object.entries(shop.levels)) {
      if (level.itemId === variant.inventoryItemId) {
        delete shop.levels[key];
      }
    }
  }
}
