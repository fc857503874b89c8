/**
 * A store's settings as the forms edit them, and the PATCH bodies built from them: pure, so they are unit-tested.
 * Text fields keep exactly what was typed (a number field stays a string) so nothing is lost when the API refuses it.
 * A JOOR store's settings are in joor-settings.ts, which uses the small readers exported here.
 */

export type Settings = Record<string, unknown>;

export interface StoreDetails {
  id: string;
  channel: string;
  name: string;
  status: string;
  targetStoreId: string | null;
  settings: Settings;
}

// The values the API's ShopifyOrderFilterSettings accepts (Shopify's Admin GraphQL enums).
export const ORDER_STATUSES = ['OPEN', 'CLOSED', 'CANCELLED'] as const;
export const FINANCIAL_STATUSES = [
  'AUTHORIZED',
  'EXPIRED',
  'PAID',
  'PARTIALLY_PAID',
  'PARTIALLY_REFUNDED',
  'PENDING',
  'REFUNDED',
  'VOIDED',
] as const;
export const FULFILLMENT_STATUSES = [
  'FULFILLED',
  'IN_PROGRESS',
  'ON_HOLD',
  'OPEN',
  'PARTIALLY_FULFILLED',
  'PENDING_FULFILLMENT',
  'REQUEST_DECLINED',
  'RESTOCKED',
  'SCHEDULED',
  'UNFULFILLED',
] as const;

// Words an automatic reading gets wrong.
const LABELS: Record<string, string> = { customerPo: 'Customer PO' };

/** "PARTIALLY_PAID" reads "Partially paid", "shipWindow" reads "Ship window". */
export function enumLabel(value: string): string {
  const known = LABELS[value];
  if (known) {
    return known;
  }
  const words = value
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const group = (settings: Settings, key: string): Settings => {
  const value = settings[key];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Settings) : {};
};
export const bool = (value: unknown, fallback: boolean): boolean => (typeof value === 'boolean' ? value : fallback);
export const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
export const text = (value: unknown): string => (typeof value === 'number' || typeof value === 'string' ? String(value) : '');

/** Items typed as a list (commas or new lines), trimmed, blanks and repeats dropped. */
export function splitList(value: string): string[] {
  return [...new Set(value.split(/[,\n]/).map((v) => v.trim()))].filter((v) => v !== '');
}

/** A typed whole number as the API takes it: blank is null (the API says it is required), anything else not a number is sent as typed for the API to name. */
export function toInteger(value: string): number | string | null {
  const trimmed = value.trim();
  if (trimmed === '') {
    return null;
  }
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

// ---- Stock sync ----

export type StockSyncMode = 'absolute' | 'delta';

export interface StockSyncValues {
  enabled: boolean;
  mode: StockSyncMode;
  windowSeconds: string;
}

export function stockSyncValues(settings: Settings): StockSyncValues {
  const stock = group(settings, 'stockSync');
  return {
    enabled: bool(stock.enabled, false),
    mode: stock.mode === 'delta' ? 'delta' : 'absolute',
    windowSeconds: text(stock.windowSeconds ?? 30),
  };
}

export function stockSyncPatch(values: StockSyncValues): Settings {
  return { stockSync: { enabled: values.enabled, mode: values.mode, windowSeconds: toInteger(values.windowSeconds) } };
}

// ---- Orders ----

export interface OrderValues {
  statuses: string[];
  financialStatuses: string[];
  fulfillmentStatuses: string[];
  tagsAnyOf: string;
  tagsNoneOf: string;
  /** yyyy-mm-dd as a date input holds it; blank for no limit. */
  createdOnOrAfter: string;
  /** The saved moment, kept as it is while its date is not changed (it may carry a time). */
  savedCreatedOnOrAfter: string | null;
  notifyCustomer: boolean;
}

export function orderValues(settings: Settings): OrderValues {
  const filters = group(settings, 'orderFilters');
  const saved = typeof filters.createdOnOrAfter === 'string' ? filters.createdOnOrAfter : null;
  return {
    statuses: strings(filters.statuses),
    financialStatuses: strings(filters.financialStatuses),
    fulfillmentStatuses: strings(filters.fulfillmentStatuses),
    tagsAnyOf: strings(filters.tagsAnyOf).join(', '),
    tagsNoneOf: strings(filters.tagsNoneOf).join(', '),
    createdOnOrAfter: saved?.slice(0, 10) ?? '',
    savedCreatedOnOrAfter: saved,
    notifyCustomer: bool(group(settings, 'fulfillment').notifyCustomer, true),
  };
}

/** The date as the API stores it: the saved moment when the date is unchanged, else the day's start in UTC. */
function createdOnOrAfter(values: OrderValues): string | null {
  if (values.createdOnOrAfter === '') {
    return null;
  }
  if (values.savedCreatedOnOrAfter?.slice(0, 10) === values.createdOnOrAfter) {
    return values.savedCreatedOnOrAfter;
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(values.createdOnOrAfter) ? `${values.createdOnOrAfter}T00:00:00Z` : values.createdOnOrAfter;
}

export function orderFilters(values: OrderValues): Settings {
  return {
    statuses: values.statuses,
    financialStatuses: values.financialStatuses,
    fulfillmentStatuses: values.fulfillmentStatuses,
    tagsAnyOf: splitList(values.tagsAnyOf),
    tagsNoneOf: splitList(values.tagsNoneOf),
    createdOnOrAfter: createdOnOrAfter(values),
  };
}

export function orderPatch(values: OrderValues, hasFulfillment: boolean): Settings {
  return {
    orderFilters: orderFilters(values),
    ...(hasFulfillment ? { fulfillment: { notifyCustomer: values.notifyCustomer } } : {}),
  };
}

// The preview reads the saved filter for a field it is not given; "no limit" is said with a date before any order.
const NO_DATE_LIMIT = '1970-01-01T00:00:00Z';

/**
 * The preview's query string for the filters as typed (not yet saved): every list is sent, an empty one too, so a
 * cleared filter is previewed as cleared.
 */
export function previewQuery(values: OrderValues, days: number): string {
  const filters = orderFilters(values);
  const params = new URLSearchParams({ days: String(days) });
  for (const key of ['statuses', 'financialStatuses', 'fulfillmentStatuses', 'tagsAnyOf', 'tagsNoneOf'] as const) {
    params.set(key, (filters[key] as string[]).join(','));
  }
  params.set('createdOnOrAfter', (filters.createdOnOrAfter as string | null) ?? NO_DATE_LIMIT);
  return params.toString();
}

export interface OrderPreviewItem {
  externalId: string;
  number: string | null;
  createdAt: string;
  verdict: 'import' | 'hold' | 'skip';
  reason: string | null;
}

export interface OrderPreview {
  days: number;
  truncated: boolean;
  counts: { import: number; hold: number; skip: number };
  orders: OrderPreviewItem[];
}

/** "2 would be imported, 1 held, 3 skipped (last 7 days)". */
export function previewSummary(preview: OrderPreview): string {
  const { counts } = preview;
  const total = counts.import + counts.hold + counts.skip;
  const scope = `${preview.truncated ? 'the first ' : ''}${total} order${total === 1 ? '' : 's'} of the last ${preview.days} day${preview.days === 1 ? '' : 's'}`;
  return `Of ${scope}: ${counts.import} would be imported, ${counts.hold} held (no mapped product), ${counts.skip} skipped.`;
}

export const VERDICT_LABELS: Record<OrderPreviewItem['verdict'], string> = {
  import: 'Import',
  hold: 'Hold',
  skip: 'Skip',
};

// ---- Returns ----

export interface ReturnValues {
  enabled: boolean;
  autoClose: boolean;
}

export function returnValues(settings: Settings): ReturnValues {
  const returns = group(settings, 'returns');
  return { enabled: bool(returns.enabled, false), autoClose: bool(returns.autoClose, false) };
}

export function returnPatch(values: ReturnValues): Settings {
  return { returns: { enabled: values.enabled, autoClose: values.autoClose } };
}

// ---- Read-only views ----

export const onOff = (value: boolean): string => (value ? 'On' : 'Off');
export const listOrAny = (values: string[], any: string): string => (values.length > 0 ? values.map(enumLabel).join(', ') : any);

/** What people who may not edit see: each setting as [label, value]. */
export function stockSyncSummary(values: StockSyncValues): Array<[string, string]> {
  return [
    ['Stock sync', onOff(values.enabled)],
    ['Mode', enumLabel(values.mode)],
    ['Window', `${values.windowSeconds} seconds`],
  ];
}

export function orderSummary(values: OrderValues, hasFulfillment: boolean): Array<[string, string]> {
  const tags = (raw: string, none: string) => (splitList(raw).length > 0 ? splitList(raw).join(', ') : none);
  const rows: Array<[string, string]> = [
    ['Order statuses', listOrAny(values.statuses, 'Any')],
    ['Payment statuses', listOrAny(values.financialStatuses, 'Any')],
    ['Fulfillment statuses', listOrAny(values.fulfillmentStatuses, 'Any')],
    ['Tags, any of', tags(values.tagsAnyOf, 'Any')],
    ['Tags, none of', tags(values.tagsNoneOf, 'None')],
    ['Created on or after', values.savedCreatedOnOrAfter ?? 'No limit'],
  ];
  return hasFulfillment ? [...rows, ['Notify customer on shipment', onOff(values.notifyCustomer)]] : rows;
}

export function returnSummary(values: ReturnValues): Array<[string, string]> {
  return [
    ['Return sync', onOff(values.enabled)],
    ['Close returns when received', onOff(values.autoClose)],
  ];
}
