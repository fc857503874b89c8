// JOOR's side of the sandbox state: plain, JSON-serialisable records saved and loaded with the Shopify state.

/** An order's status in JOOR (v4's write enum plus SHIPPED, which v2's order_type filters distinguish). */
export type JoorStatus = 'IN_PROGRESS' | 'NOTES' | 'PENDING' | 'APPROVED' | 'SHIPPED' | 'CANCELLED';

export const JOOR_STATUSES: readonly JoorStatus[] = ['IN_PROGRESS', 'NOTES', 'PENDING', 'APPROVED', 'SHIPPED', 'CANCELLED'];

/** JOOR's export bookkeeping for an order: never tried, failed (validation), or exported. */
export type JoorExportState = 'NOT_ATTEMPTED' | 'FAILED' | 'SUCCESS';

/** Which `check` levels report a seeded validation failure: 1 missing fields, 2 deleted styles, 3 both. */
export type JoorValidationKind = 'missing_fields' | 'deleted_styles';

/** A value in JOOR's v2 order JSON: JOOR serialises numbers (and flags) as strings. */
export type JoorJson = string | null | JoorJson[] | { [key: string]: JoorJson };

export type JoorFields = Record<string, JoorJson>;

export interface JoorRateLimit {
  credits: number;
  windowSeconds: number;
}

export interface JoorFaults {
  /** Fraction of requests answered 500, 502 or 503. */
  errorRate: number;
  latencyMs: number;
  /** Every request answered 429. */
  throttle: boolean;
}

export interface JoorAccountRecord {
  account: string;
  apiToken: string;
  rateLimit: JoorRateLimit;
  faults: JoorFaults;
  createdAt: string;
}

export interface JoorOrderRecord {
  orderId: string;
  account: string;
  status: JoorStatus;
  /** The v2 flat header fields, line_items included; order_id, order_type and the export fields are derived. */
  fields: JoorFields;
  exportState: JoorExportState;
  exportDescription: string;
  exportedOn: string | null;
  /** +1 on every "set to re-export" (control-only). */
  generation: number;
  /** How many requests marked it exported (control-only). */
  timesMarked: number;
  validationFailure: { kind: JoorValidationKind; description: string } | null;
}

export interface JoorData {
  accounts: Record<string, JoorAccountRecord>;
  orders: Record<string, JoorOrderRecord>;
}

export const emptyJoorData = (): JoorData => ({ accounts: {}, orders: {} });
