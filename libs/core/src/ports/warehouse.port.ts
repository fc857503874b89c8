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

export interface WarehouseOrderLine {
  /** The channel's line id: lines are matched by it across edits. */
  externalLineId: string;
  sku: string;
  /** null: no mapped product for the line; it reserves nothing and the order is held. */
  productId: string | null;
  /** What is to be shipped; 0 for a line the channel removed. */
  quantity: number;
  /** Why the line cannot be fulfilled as it is (e.g. no mapped product with its SKU); null when it can. */
  problem: string | null;
}

/** The state one warehouse order of a channel order should have. */
export interface WarehouseOrderDraft {
  storeId: string;
  /** The channel's order id; one channel order may become one warehouse order per destination. */
  externalId: string;
  externalNumber: string | null;
  warehouseId: string;
  shippingProcessId: string | null;
  shippingAddress: Record<string, unknown> | null;
  /** The channel's allocations (Shopify fulfillment orders) this warehouse order covers, for tracking. */
  channelAllocationIds: string[];
  lines: WarehouseOrderLine[];
  /** Non-null: the order is held (needs_attention) with this reason. Lines with a product are reserved all the same. */
  holdReason: string | null;
}

/** A shipment as channels need it: its parcels and, per channel line, what it holds. */
export interface WarehouseShipment {
  id: string;
  orderId: string;
  storeId: string | null;
  carrier: string;
  parcels: { trackingNumber: string; trackingUrl: string | null }[];
  /** Lines without a channel line id (an order the warehouse made itself) are left out. */
  lines: { externalLineId: string; quantity: number }[];
}

/** The state a warehouse return of a channel return should have. */
export interface WarehouseReturnDraft {
  storeId: string;
  /** The channel's return id. */
  externalId: string;
  externalName: string | null;
  /** The warehouse order the goods left with, when known. */
  orderId: string | null;
  warehouseId: string;
  reason: string | null;
  /** The channel puts restocked units back in its own stock (so the warehouse's receipt is the store's own effect). */
  channelRestocks: boolean;
  lines: { externalLineId: string; sku: string; quantity: number; reason: string | null }[];
}

export type WarehouseReturnSync =
  | { returnId: string; outcome: 'created' | 'updated' | 'unchanged' }
  /** Lines no warehouse product has (SKU unknown): nothing written; the caller holds it with the reason. */
  | { returnId: null; outcome: 'refused'; reason: string }
  /** Something was received and the lines differ: left as it is. */
  | { returnId: string; outcome: 'locked'; reason: string };

/** What the warehouse received of a channel's return so far, per channel return line. */
export interface WarehouseReturnReceipt {
  returnId: string;
  storeId: string | null;
  externalId: string | null;
  warehouseId: string;
  status: string;
  /** Every expected unit arrived. */
  complete: boolean;
  lines: { externalLineId: string | null; sku: string; quantity: number; received: number; restocked: number }[];
}

export type WarehouseOrderSync =
  | { orderId: string; outcome: 'created' | 'updated' | 'unchanged' }
  /** Something is already shipped and the lines differ: nothing changed; the caller holds the order for a person. */
  | { orderId: string; outcome: 'locked'; reason: string };

export type WarehouseOrderCancel =
  { orderId: string; outcome: 'cancelled' | 'already-cancelled' } | { orderId: string; outcome: 'conflict'; reason: string };

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

  /**
   * Brings one channel order's warehouse order to the draft, in the caller's transaction: creates it with its
   * reservations when `orderId` is null (or finds the one a crashed attempt created), otherwise changes its lines and
   * reservations while nothing of it is shipped. Reservations count against the store (`stock_store_effect`).
   */
  abstract syncOrder(manager: EntityManager, draft: WarehouseOrderDraft, orderId: string | null): Promise<WarehouseOrderSync>;

  /** Cancels the order and releases its reservations; an order with anything shipped is a conflict and stays as it is. */
  abstract cancelOrder(manager: EntityManager, orderId: string): Promise<WarehouseOrderCancel>;

  /**
   * Brings a channel return's warehouse return to the draft, in the caller's transaction: creates it expected at its
   * warehouse (or finds the one a crashed attempt created), or changes its lines while nothing is received.
   */
  abstract expectReturn(manager: EntityManager, draft: WarehouseReturnDraft): Promise<WarehouseReturnSync>;

  /**
   * The channel withdrew the return (declined, cancelled): cancelled when nothing was received, otherwise held
   * (needs_attention) with the reason.
   */
  abstract withdrawReturn(manager: EntityManager, returnId: string, reason: string): Promise<{ outcome: 'withdrawn' | 'held' }>;

  /** What the warehouse received of a return, or null when there is none with this id. */
  abstract returnReceipt(returnId: string, manager?: EntityManager): Promise<WarehouseReturnReceipt | null>;

  /** One shipment, or null when there is none with this id. */
  abstract shipment(id: string, manager?: EntityManager): Promise<WarehouseShipment | null>;

  /** Holds the order (needs_attention) with a reason a person can act on; it keeps its reservations. */
  abstract holdOrder(manager: EntityManager, orderId: string, reason: string): Promise<void>;
}
