import type { EntityManager } from 'typeorm';

export interface WarehouseLevelKey {
  warehouseId: string;
  productId: string;
}

/** A stock level as a channel should see it. A level that never moved reads as 0 at version 0. */
export interface WarehouseLevel extends WarehouseLevelKey {
  available: number;
  /** Per level, strictly increasing with every change (a bigint as text). */
  version: string;
}

/** A level's changes over the versions (fromVersion, toVersion]. */
export interface WarehouseVersionRange extends WarehouseLevelKey {
  fromVersion: string;
  toVersion: string;
}

export interface WarehouseProduct {
  id: string;
  sku: string;
  barcode: string | null;
}

export interface NewWarehouseProduct {
  sku: string;
  barcode: string | null;
  name: string;
}

/**
 * What the core's flows need of the warehouse. libs/core defines it, libs/wms implements it, apps/api binds the two:
 * the core never imports the WMS. Methods that take a `manager` run in the caller's transaction.
 */
export abstract class WarehousePort {
  /** The current level of each key, in the order given. */
  abstract levels(keys: WarehouseLevelKey[], manager?: EntityManager): Promise<WarehouseLevel[]>;

  /**
   * Per range, the part of the change in available over (from, to] that the given store's own orders caused
   * (its channel counted those sales already). In the order given.
   */
  abstract storeEffects(storeId: string, ranges: WarehouseVersionRange[], manager?: EntityManager): Promise<number[]>;

  /** Products whose SKU or barcode is among those given. */
  abstract findProducts(query: { skus: string[]; barcodes: string[] }, manager?: EntityManager): Promise<WarehouseProduct[]>;

  /** Creates the products whose SKU is not taken yet; returns those it created. */
  abstract createProducts(products: NewWarehouseProduct[], manager?: EntityManager): Promise<WarehouseProduct[]>;

  /** The warehouses among these ids that exist. */
  abstract existingWarehouses(ids: string[]): Promise<string[]>;

  /** The shipping processes among these ids that exist, with their warehouse. */
  abstract shippingProcesses(ids: string[]): Promise<{ id: string; warehouseId: string }[]>;
}
