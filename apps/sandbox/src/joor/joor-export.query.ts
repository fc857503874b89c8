import { JoorDates } from './joor-dates';

/** GET /v2/orders parameters (research §2.1) with JOOR's defaults applied. */
export interface JoorExportParams {
  orderType: number;
  exportStatus: number;
  sync: boolean;
  check: number;
  dateStart: number | null;
  dateEnd: number | null;
  customerCode: string | null;
  customerGroupName: string | null;
  startFrom: number;
  count: number;
  orderId: string | null;
}

export type ParsedParams = { ok: true; params: JoorExportParams } | { ok: false; parameter: string; message: string };

const MAX_COUNT = 500;
const DEFAULT_COUNT = 50;

type Query = Record<string, unknown>;

class InvalidParameter extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads the v2 export parameters; an invalid value names its parameter (400). Unknown parameters are ignored. */
export class JoorExportQuery {
  static parse(query: Query): ParsedParams {
    try {
      const sync = JoorExportQuery.integer(query, 'sync', 0, 1) ?? 1;
      const dateStart = JoorExportQuery.timestamp(query, 'date_start');
      const dateEnd = JoorExportQuery.timestamp(query, 'date_end');
      if ((dateStart === null) !== (dateEnd === null)) {
        const missing = dateStart === null ? 'date_start' : 'date_end';
        const given = dateStart === null ? 'date_end' : 'date_start';
        throw new InvalidParameter(missing, `${missing} is required when ${given} is given`);
      }
      if (dateStart !== null && dateEnd !== null && dateStart > dateEnd) {
        throw new InvalidParameter('date_start', 'date_start must not be after date_end');
      }
      const orderId = JoorExportQuery.text(query, 'order_id', 20);
      if (orderId !== null && !/^\d+$/.test(orderId)) {
        throw new InvalidParameter('order_id', 'order_id must be a numeric JOOR order id');
      }
      const params: JoorExportParams = {
        orderType: JoorExportQuery.integer(query, 'order_type', 1, 8) ?? 2,
        exportStatus: JoorExportQuery.integer(query, 'export_status', 1, 7) ?? (sync === 1 ? 2 : 1),
        sync: sync === 1,
        check: JoorExportQuery.integer(query, 'check', 0, 3) ?? (sync === 1 ? 1 : 0),
        dateStart,
        dateEnd,
        customerCode: JoorExportQuery.text(query, 'customer_code', 50),
        customerGroupName: JoorExportQuery.text(query, 'customer_group_name', 150),
        startFrom: JoorExportQuery.integer(query, 'start_from', 0, Number.MAX_SAFE_INTEGER) ?? 0,
        count: JoorExportQuery.integer(query, 'count', 1, MAX_COUNT) ?? DEFAULT_COUNT,
        orderId: orderId === null ? null : BigInt(orderId).toString(),
      };
      return { ok: true, params };
    } catch (error) {
      if (error instanceof InvalidParameter) {
        return { ok: false, parameter: error.parameter, message: error.message };
      }
      throw error;
    }
  }

  private static single(query: Query, name: string): string | null {
    const value = query[name];
    if (value === undefined) {
      return null;
    }
    if (typeof value !== 'string') {
      throw new InvalidParameter(name, `${name} must be given once`);
    }
    return value;
  }

  private static integer(query: Query, name: string, min: number, max: number): number | null {
    const value = JoorExportQuery.single(query, name);
    if (value === null) {
      return null;
    }
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
      throw new InvalidParameter(name, `${name} must be ${range}`);
    }
    return n;
  }

  private static text(query: Query, name: string, maxLength: number): string | null {
    const value = JoorExportQuery.single(query, name);
    if (value === null || value === '') {
      return null;
    }
    if (value.length > maxLength) {
      throw new InvalidParameter(name, `${name} must be at most ${maxLength} characters`);
    }
    return value;
  }

  private static timestamp(query: Query, name: string): number | null {
    const value = JoorExportQuery.single(query, name);
    if (value === null || value === '') {
      return null;
    }
    // An unencoded "+01:00" arrives as " 01:00" (a plus in a query string is a space).
    const ms = JoorDates.parse(value.replace(/(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?) (\d{2}:?\d{2})$/, '$1+$2'));
    if (ms === null) {
      throw new InvalidParameter(name, `${name} must be a UTC timestamp (YYYY-MM-DDThh:mm:ss.sTZD)`);
    }
    return ms;
  }
}
