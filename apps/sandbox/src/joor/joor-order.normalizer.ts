import { Money } from '../common/money';
import { JoorDates } from './joor-dates';
import { JOOR_STATUSES, type JoorFields, type JoorJson, type JoorStatus } from './joor-records';

export type Checked<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

export interface NormalizedOrder {
  orderId: string;
  status: JoorStatus;
  fields: JoorFields;
}

// The v2 header fields in the order JOOR's export lists them (research §4); missing ones are empty strings.
const HEADER = [
  'order_type_name',
  'order_type_code',
  'order_source',
  'is_personal_order',
  'customer_purchase_order',
  'integration_purchase_order',
  'order_delivery_name',
  'order_delivery_code',
  'order_season_code',
  'order_event',
  'order_event_code',
  'date_created',
  'date_approved',
  'date_modified',
  'date_ship_start',
  'date_ship_end',
  'order_currency',
  'order_currency_retail',
  'order_currency_name',
  'order_discount',
  'order_discount_percent',
  'order_shipping_total',
  'order_total',
  'order_comments',
  'order_internal_comments',
  'customer_name',
  'customer_code',
  'customer_buyer_name',
  'company_name',
  'company_code',
  'customer_group_name',
  'customer_group_code',
  'created_by_username',
  'created_by_email',
  'sales_representative',
  'sales_representative_code',
  'shipping_code',
  'shipping_name',
  'shipping_phone',
  'shipping_email',
  'shipping_address_1',
  'shipping_address_2',
  'shipping_city',
  'shipping_region',
  'shipping_postal_code',
  'shipping_country',
  'shipping_country_iso_three',
  'shipping_country_iso_two',
  'shipping_method_name',
  'shipping_method_code',
  'billing_code',
  'billing_name',
  'billing_phone',
  'billing_address_1',
  'billing_address_2',
  'billing_city',
  'billing_region',
  'billing_postal_code',
  'billing_country',
  'billing_country_iso_three',
  'billing_country_iso_two',
  'payment_method_name',
  'payment_method_code',
  'tax_id_label',
  'tax_id_number',
  'warehouse_name',
  'warehouse_code',
  'tracking_number',
];
const LINE_ITEM = [
  'item_name',
  'item_number',
  'item_style_id',
  'item_style_identifier',
  'item_color',
  'item_color_code',
  'item_size',
  'item_size_code',
  'item_upc',
  'item_unit_price',
  'item_price',
  'item_price_adjustment',
  'item_retail_price',
  'item_quantity',
  'item_multiplier',
  'item_price_extended',
  'item_comment',
  'item_color_comment',
  'item_door_id',
];
const TIMESTAMPS = ['date_created', 'date_modified', 'date_approved'];
// Derived from the record (status, export state) or owned by other control calls: never set through fields.
const DERIVED = ['order_id', 'order_type', 'status', 'line_items', 'export_status', 'export_description', 'exported_on'];
// The response order_type enum (research §3), read back when a seeded order gives no status.
const STATUS_BY_ORDER_TYPE: Record<string, JoorStatus> = {
  '0': 'CANCELLED',
  '1': 'IN_PROGRESS',
  '3': 'PENDING',
  '4': 'APPROVED',
  '5': 'SHIPPED',
  '6': 'NOTES',
};
const UNSIGNED_DECIMAL = /^\d+(\.\d+)?$/;
const SIGNED_DECIMAL = /^-?\d+(\.\d+)?$/;
const POSITIVE_INTEGER = /^[1-9]\d*$/;

const fail = <T>(field: string, message: string): Checked<T> => ({ ok: false, field, message });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks and completes orders given to the control surface in JOOR's v2 flat shape. */
export class JoorOrderNormalizer {
  static readonly HEADER: readonly string[] = HEADER;
  static readonly LINE_ITEM: readonly string[] = LINE_ITEM;

  static status(value: unknown): JoorStatus | null {
    return typeof value === 'string' && (JOOR_STATUSES as readonly string[]).includes(value.toUpperCase())
      ? (value.toUpperCase() as JoorStatus)
      : null;
  }

  /** A new order: order_id (digits), status (default PENDING, or read from a response-style order_type), defaults. */
  static order(input: unknown, now: number): Checked<NormalizedOrder> {
    if (!isObject(input)) {
      return fail('order', 'order must be an object in JOOR v2 shape');
    }
    const orderId = typeof input.order_id === 'number' ? String(input.order_id) : input.order_id;
    if (typeof orderId !== 'string' || !/^\d+$/.test(orderId)) {
      return fail('order.order_id', 'order_id is required: a numeric JOOR order id');
    }
    let status: JoorStatus | null = 'PENDING';
    if (input.status !== undefined) {
      status = JoorOrderNormalizer.status(input.status);
    } else if (input.order_type !== undefined) {
      const type = input.order_type;
      status = STATUS_BY_ORDER_TYPE[typeof type === 'number' ? String(type) : typeof type === 'string' ? type : ''] ?? null;
    }
    if (!status) {
      return fail('order.status', `status must be one of ${JOOR_STATUSES.join(', ')}`);
    }
    const rest: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      if (!DERIVED.includes(key)) {
        rest[key] = value;
      }
    }
    const header = JoorOrderNormalizer.fields(rest, 'order.');
    if (!header.ok) {
      return header;
    }
    const items = JoorOrderNormalizer.lineItems(input.line_items ?? [], 'order.line_items');
    if (!items.ok) {
      return items;
    }
    const nowText = JoorDates.format(now);
    const fields: JoorFields = {};
    for (const key of HEADER) {
      fields[key] = '';
    }
    Object.assign(fields, { is_personal_order: 'false', order_currency: 'USD', order_discount: '0', order_discount_percent: '0' });
    Object.assign(fields, { order_shipping_total: '0', order_divisions: [], order_doors: [] }, header.value);
    fields.date_created = fields.date_created || nowText;
    fields.date_modified = fields.date_modified || fields.date_created;
    if (status === 'APPROVED' && !fields.date_approved) {
      fields.date_approved = nowText;
    }
    fields.line_items = items.value;
    if (header.value.order_total === undefined) {
      fields.order_total = JoorOrderNormalizer.total(fields);
    }
    return { ok: true, value: { orderId, status, fields } };
  }

  /** Header fields of a seeded order or a modification: numbers become strings, timestamps are checked. */
  static fields(input: Record<string, unknown>, prefix = 'fields.'): Checked<JoorFields> {
    const out: JoorFields = {};
    for (const [key, value] of Object.entries(input)) {
      if (DERIVED.includes(key)) {
        return fail(`${prefix}${key}`, `${key} cannot be set here`);
      }
      if (TIMESTAMPS.includes(key) && value !== '' && value !== null) {
        const ms = typeof value === 'string' ? JoorDates.parse(value) : null;
        if (ms === null) {
          return fail(`${prefix}${key}`, `${key} must be a UTC timestamp (YYYY-MM-DDThh:mm:ss.sZ)`);
        }
        out[key] = JoorDates.format(ms);
        continue;
      }
      out[key] = JoorOrderNormalizer.json(value);
    }
    return { ok: true, value: out };
  }

  static lineItems(input: unknown, path: string): Checked<JoorJson[]> {
    if (!Array.isArray(input)) {
      return fail(path, 'line_items must be an array');
    }
    const items: JoorJson[] = [];
    for (const [index, raw] of input.entries()) {
      const at = `${path}[${index}]`;
      if (!isObject(raw)) {
        return fail(at, 'a line item must be an object');
      }
      const text = (key: string) => (typeof raw[key] === 'number' ? String(raw[key]) : raw[key]);
      const checks: [string, RegExp, boolean, string][] = [
        ['item_quantity', POSITIVE_INTEGER, true, 'a positive integer'],
        ['item_price', UNSIGNED_DECIMAL, true, 'a decimal'],
        ['item_unit_price', UNSIGNED_DECIMAL, false, 'a decimal'],
        ['item_retail_price', UNSIGNED_DECIMAL, false, 'a decimal'],
        ['item_price_extended', UNSIGNED_DECIMAL, false, 'a decimal'],
        ['item_price_adjustment', SIGNED_DECIMAL, false, 'a decimal'],
        ['item_multiplier', POSITIVE_INTEGER, false, 'a positive integer'],
      ];
      for (const [key, pattern, required, what] of checks) {
        const value = text(key);
        if ((value === undefined || value === null || value === '') && !required) {
          continue;
        }
        if (typeof value !== 'string' || !pattern.test(value)) {
          return fail(`${at}.${key}`, `${key} must be ${what}`);
        }
      }
      const item: Record<string, JoorJson> = {};
      for (const key of LINE_ITEM) {
        item[key] = '';
      }
      Object.assign(item, { item_price_adjustment: '0', item_multiplier: '1', style_tags: [] });
      for (const [key, value] of Object.entries(raw)) {
        if (value !== undefined && value !== null && value !== '') {
          item[key] = JoorOrderNormalizer.json(value);
        }
      }
      item.item_unit_price = item.item_unit_price || item.item_price;
      if (!item.item_price_extended) {
        // "(price + adjustment) × quantity" (research §4).
        item.item_price_extended = Money.format(
          (Number(item.item_price) + Number(item.item_price_adjustment)) * Number(item.item_quantity),
        );
      }
      items.push(item);
    }
    return { ok: true, value: items };
  }

  /** Lines extended, plus shipping, less the order discount. */
  static total(fields: JoorFields): string {
    const lines = Array.isArray(fields.line_items) ? fields.line_items : [];
    const extended = lines.map((l) => (isObject(l) && typeof l.item_price_extended === 'string' ? l.item_price_extended : '0'));
    const number = (v: JoorJson | undefined) => (typeof v === 'string' && SIGNED_DECIMAL.test(v) ? Number(v) : 0);
    return Money.format(Number(Money.sum(extended)) + number(fields.order_shipping_total) - number(fields.order_discount));
  }

  /** JSON as JOOR serialises it: numbers and flags as strings, nested objects and arrays alike. */
  static json(value: unknown): JoorJson {
    if (value === null || value === undefined) {
      return null;
    }
    if (typeof value === 'string') {
      return value;
    }
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
      return String(value);
    }
    if (Array.isArray(value)) {
      return value.map((v) => JoorOrderNormalizer.json(v));
    }
    if (isObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, JoorOrderNormalizer.json(v)]));
    }
    return null;
  }
}
