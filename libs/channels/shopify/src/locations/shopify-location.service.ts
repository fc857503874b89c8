import { Injectable } from '@nestjs/common';
import {
  ChannelLocationMappingService,
  DomainException,
  flattenValidationErrors,
  isPlainObject,
  jsonBodyExpected,
  STRICT_VALIDATION_OPTIONS,
  StoreService,
  type ChannelContext,
  type ChannelLocationMapping,
  type FieldError,
} from '@gantry/core';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
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
    private readonly locationMappings: ChannelLocationMappingService,
  ) {}

  async listLocations(storeId: string): Promise<ShopifyLocation[]> {
    return this.fetchLocations(await this.shopifyContext(storeId));
  }

  async mappings(storeId: string): Promise<LocationMappingView[]> {
    await this.shopifyStore(storeId);
    return (await this.locationMappings.list(storeId)).map(toView);
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
    const saved = await this.locationMappings.replace(
      storeId,
      mappings.map((m) => ({
        channelLocationId: m.locationId,
        warehouseId: m.warehouseId,
        shippingProcessId: m.shippingProcessId,
        isDefault: m.isDefault,
      })),
    );
    return saved.map(toView);
  }

  private parse(body: unknown): LocationMappingDto[] {
    if (!Array.isArray(body)) {
      throw jsonBodyExpected('array');
    }
    const errors: FieldError[] = [];
    const mappings = body.map((item: unknown, i) => {
      if (!isPlainObject(item)) {
        errors.push({ field: `[${i}]`, message: `[${i}] must be an object` });
        return new LocationMappingDto();
      }
      const dto = plainToInstance(LocationMappingDto, item);
      errors.push(...flattenValidationErrors(validateSync(dto, STRICT_VALIDATION_OPTIONS), `[${i}]`));
      return dto;
    });
    if (errors.length > 0) {
      throw DomainException.invalid(`The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}`, errors);
    }
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

const toView = (m: ChannelLocationMapping): LocationMappingView => ({
  locationId: m.channelLocationId,
  warehouseId: m.warehouseId,
  shippingProcessId: m.shippingProcessId,
  isDefault: m.isDefault,
});
