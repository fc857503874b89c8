import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainException, flattenValidationErrors, isPlainObject, StoreService, type ChannelContext, type FieldError } from '@gantry/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource } from 'typeorm';
import { asDomainErrors } from '../common/channel-error.util';
import { ShopifyGraphqlClient } from '../graphql/shopify-graphql.client';
import { SHOPIFY_CHANNEL_KEY } from '../shopify-channel.adapter';
import { LocationMappingDto } from './dtos/location-mapping.dto';

const LOCATIONS_QUERY = `query Locations($after: String) {
  locations(first: 250, after: $after) {
    nodes { id name isActive fulfillsOnlineOrders }
    pageInfo { hasNextPage endCursor }
  }
}`;

export interface ShopifyLocation {
  id: string;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
}

export interface LocationMappingView {
  locationId: string;
  warehouseId: string;
  shippingProcessId: string;
  isDefault: boolean;
}

/** A store's Shopify locations, live, and which warehouse (and shipping process) backs each of them. */
@Injectable()
export class ShopifyLocationService {
  constructor(
    private readonly stores: StoreService,
    private readonly graphql: ShopifyGraphqlClient,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async listLocations(storeId: string): Promise<ShopifyLocation[]> {
    return this.fetchLocations(await this.shopifyContext(storeId));
  }

  async mappings(storeId: string): Promise<LocationMappingView[]> {
    await this.shopifyStore(storeId);
    return this.dataSource.query(
      `SELECT location_id AS "locationId", warehouse_id AS "warehouseId", shipping_process_id AS "shippingProcessId", is_default AS "isDefault"
         FROM shopify_location_mapping WHERE store_id = $1 ORDER BY is_default DESC, location_id`,
      [storeId],
    );
  }

  /** Replaces the store's mappings as a whole, after checking every rule; nothing changes when one fails. */
  async replaceMappings(storeId: string, body: unknown): Promise<LocationMappingView[]> {
    const mappings = this.parse(body);
    const ctx = await this.shopifyContext(storeId);
    const locations = new Set((await this.fetchLocations(ctx)).map((l) => l.id));
    const unknownLocation = mappings.findIndex((m) => !locations.has(m.locationId));
    if (unknownLocation >= 0) {
      throw DomainException.notFound(
        `Location ${mappings[unknownLocation]?.locationId} is not an active location of this shop`,
        `[${unknownLocation}].locationId`,
      );
    }
    const processes: { id: string; warehouse_id: string }[] = await this.dataSource.query(
      `SELECT id, warehouse_id FROM shipping_process WHERE id = ANY($1::uuid[])`,
      [mappings.map((m) => m.shippingProcessId)],
    );
    const warehouses: { id: string }[] = await this.dataSource.query(`SELECT id FROM warehouse WHERE id = ANY($1::uuid[])`, [
      mappings.map((m) => m.warehouseId),
    ]);
    const warehouseIds = new Set(warehouses.map((w) => w.id));
    const processWarehouse = new Map(processes.map((p) => [p.id, p.warehouse_id]));
    mappings.forEach((m, i) => {
      if (!warehouseIds.has(m.warehouseId)) {
        throw DomainException.notFound(`No warehouse ${m.warehouseId}`, `[${i}].warehouseId`);
      }
      const owner = processWarehouse.get(m.shippingProcessId);
      if (!owner) {
        throw DomainException.notFound(`No shipping process ${m.shippingProcessId}`, `[${i}].shippingProcessId`);
      }
      if (owner !== m.warehouseId) {
        throw DomainException.invalid(`Shipping process ${m.shippingProcessId} belongs to another warehouse`, [
          { field: `[${i}].shippingProcessId`, message: 'must be a shipping process of the mapped warehouse' },
        ]);
      }
    });
    const byWarehouse = new Map<string, string>();
    for (const m of mappings) {
      const other = byWarehouse.get(m.warehouseId);
      if (other) {
        throw DomainException.conflict(
          `Warehouse ${m.warehouseId} would back both ${other} and ${m.locationId}: that would sell the same stock twice`,
          'warehouseId',
        );
      }
      byWarehouse.set(m.warehouseId, m.locationId);
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM shopify_location_mapping WHERE store_id = $1`, [storeId]);
      await manager.query(
        `INSERT INTO shopify_location_mapping (store_id, location_id, warehouse_id, shipping_process_id, is_default)
         SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::boolean[])`,
        [
          storeId,
          mappings.map((m) => m.locationId),
          mappings.map((m) => m.warehouseId),
          mappings.map((m) => m.shippingProcessId),
          mappings.map((m) => m.isDefault),
        ],
      );
    });
    return this.mappings(storeId);
  }

  private parse(body: unknown): LocationMappingDto[] {
    if (!Array.isArray(body)) {
      throw DomainException.invalid('The body must be an array of location mappings', [{ field: 'body', message: 'must be an array' }]);
    }
    const errors: FieldError[] = [];
    const mappings = body.map((item: unknown, i) => {
      if (!isPlainObject(item)) {
        errors.push({ field: `[${i}]`, message: 'must be an object' });
        return new LocationMappingDto();
      }
      const dto = plainToInstance(LocationMappingDto, item);
      const found = validateSync(dto, {
        whitelist: true,
        forbidNonWhitelisted: true,
        forbidUnknownValues: true,
        validationError: { target: false, value: false },
      });
      errors.push(...flattenValidationErrors(found).map((e) => ({ field: `[${i}].${e.field}`, message: e.message })));
      return dto;
    });
    if (errors.length > 0) {
      throw DomainException.invalid(`The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}`, errors);
    }
    const defaults = mappings.filter((m) => m.isDefault).length;
    if (defaults !== 1) {
      throw DomainException.invalid(`Exactly one mapping must be the default for new orders (found ${defaults})`, [
        { field: 'isDefault', message: 'exactly one must be true' },
      ]);
    }
    const seen = new Set<string>();
    mappings.forEach((m, i) => {
      if (seen.has(m.locationId)) {
        throw DomainException.invalid(`Location ${m.locationId} is mapped twice`, [
          { field: `[${i}].locationId`, message: 'is mapped twice' },
        ]);
      }
      seen.add(m.locationId);
    });
    return mappings;
  }

  private async fetchLocations(ctx: ChannelContext): Promise<ShopifyLocation[]> {
    const all: ShopifyLocation[] = [];
    let after: string | null = null;
    do {
      const { data }: { data: { locations: { nodes: ShopifyLocation[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } } =
        await asDomainErrors(() => this.graphql.request(ctx, LOCATIONS_QUERY, { after }));
      all.push(...data.locations.nodes.filter((l) => l.isActive));
      after = data.locations.pageInfo.hasNextPage ? data.locations.pageInfo.endCursor : null;
    } while (after);
    return all;
  }

  private async shopifyStore(storeId: string): Promise<void> {
    const store = await this.stores.get(storeId);
    if (store.pluginKey !== SHOPIFY_CHANNEL_KEY) {
      throw DomainException.notFound(`Store ${storeId} is not a Shopify store`);
    }
  }

  private async shopifyContext(storeId: string): Promise<ChannelContext> {
    await this.shopifyStore(storeId);
    return this.stores.contextFor(storeId);
  }
}
