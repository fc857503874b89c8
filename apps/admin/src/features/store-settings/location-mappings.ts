/** Location mappings as the panel edits them: pure, so they are unit-tested. */

export interface ShopifyLocation {
  id: string;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
}

export interface LocationMapping {
  locationId: string;
  warehouseId: string;
  shippingProcessId: string;
  isDefault: boolean;
}

export interface Warehouse {
  id: string;
  code: string;
  name: string;
}

export interface ShippingProcess {
  id: string;
  warehouseId: string;
  code: string;
  name: string;
}

/** One Shopify location in the form; both ids empty when it is left unmapped. */
export interface MappingRow {
  locationId: string;
  locationName: string;
  warehouseId: string | null;
  shippingProcessId: string | null;
}

export interface MappingForm {
  rows: MappingRow[];
  /** The location that is the default for orders whose location is not mapped. */
  defaultLocationId: string | null;
}

/** A row per active location, filled from its saved mapping; mappings of locations gone from the shop are dropped. */
export function toMappingForm(locations: ShopifyLocation[], mappings: LocationMapping[]): MappingForm {
  const byLocation = new Map(mappings.map((m) => [m.locationId, m]));
  const rows = locations.map((location) => {
    const mapping = byLocation.get(location.id);
    return {
      locationId: location.id,
      locationName: location.name,
      warehouseId: mapping?.warehouseId ?? null,
      shippingProcessId: mapping?.shippingProcessId ?? null,
    };
  });
  const saved = mappings.find((m) => m.isDefault)?.locationId ?? null;
  return { rows, defaultLocationId: rows.some((r) => r.locationId === saved) ? saved : null };
}

/** Saved mappings whose location the shop no longer lists (saving the form drops them). */
export function staleMappings(locations: ShopifyLocation[], mappings: LocationMapping[]): LocationMapping[] {
  const ids = new Set(locations.map((l) => l.id));
  return mappings.filter((m) => !ids.has(m.locationId));
}

/** The shipping processes of a warehouse (a mapping's process must belong to its warehouse). */
export function processesOf(warehouseId: string | null, processes: ShippingProcess[]): ShippingProcess[] {
  return warehouseId ? processes.filter((p) => p.warehouseId === warehouseId) : [];
}

/**
 * Picking a warehouse keeps the process only when it belongs to that warehouse, else takes the warehouse's only
 * process when it has exactly one (the usual case), else leaves it to be chosen.
 */
export function withWarehouse(row: MappingRow, warehouseId: string | null, processes: ShippingProcess[]): MappingRow {
  const own = processesOf(warehouseId, processes);
  const keep = own.some((p) => p.id === row.shippingProcessId);
  return {
    ...row,
    warehouseId,
    shippingProcessId: keep ? row.shippingProcessId : own.length === 1 ? (own[0]?.id ?? null) : null,
  };
}

/** An item of the PUT body; a missing id is sent as null so the API names it on the row. */
export interface MappingItem {
  locationId: string;
  warehouseId: string | null;
  shippingProcessId: string | null;
  isDefault: boolean;
}

/** The PUT body: every row with a warehouse or process chosen (the API names what is missing); `rowOf[i]` is item i's row. */
export function toMappingBody(form: MappingForm): { body: MappingItem[]; rowOf: number[] } {
  const body: MappingItem[] = [];
  const rowOf: number[] = [];
  form.rows.forEach((row, index) => {
    if (row.warehouseId === null && row.shippingProcessId === null) {
      return;
    }
    body.push({
      locationId: row.locationId,
      warehouseId: row.warehouseId,
      shippingProcessId: row.shippingProcessId,
      isDefault: row.locationId === form.defaultLocationId,
    });
    rowOf.push(index);
  });
  return { body, rowOf };
}

export type MappingField = 'locationId' | 'warehouseId' | 'shippingProcessId';

export interface MappingErrors {
  /** Messages per row index, per field. */
  rows: Record<number, Partial<Record<MappingField, string>>>;
  /** About the default choice (`isDefault`: not exactly one). */
  isDefault: string | null;
  /** Messages naming no row (e.g. a warehouse backing two locations), to show above the table. */
  other: string[];
}

const ITEM_FIELD = /^\[(\d+)\]\.(locationId|warehouseId|shippingProcessId|isDefault)$/;

/** The API's field messages (`[1].warehouseId`, item index of the body) placed on the form's rows. */
export function mappingErrors(fieldMessages: Record<string, string>, rowOf: number[]): MappingErrors {
  const errors: MappingErrors = { rows: {}, isDefault: null, other: [] };
  for (const [field, message] of Object.entries(fieldMessages)) {
    const match = ITEM_FIELD.exec(field);
    const row = match ? rowOf[Number(match[1])] : undefined;
    const name = match?.[2];
    if (field === 'isDefault' || name === 'isDefault') {
      errors.isDefault = message;
    } else if (row !== undefined && name) {
      errors.rows[row] = { ...errors.rows[row], [name]: message };
    } else {
      errors.other.push(message);
    }
  }
  return errors;
}

/** A name as people read it: "EAST · East warehouse"; the id when the list does not hold it. */
export function labelOf(id: string | null, items: Array<{ id: string; code: string; name: string }>): string {
  if (!id) {
    return 'Not mapped';
  }
  const item = items.find((i) => i.id === id);
  return item ? `${item.name} (${item.code})` : id;
}
