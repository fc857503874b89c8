import { hasRole, type Role } from '../../auth/role';
import type { ExportFilter, ExportStatus, WholesaleExport } from './exports.api';

export const EXPORT_STATUS_FILTERS: { value: 'all' | ExportStatus; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'failed', label: 'Failed' },
  { value: 'exported', label: 'Exported' },
  { value: 'pending', label: 'Pending' },
  { value: 'in_flight', label: 'In flight' },
];

const STATUSES = new Set<string>(['pending', 'in_flight', 'exported', 'failed']);
const PAGE_SIZE = 100;
const MAX_LIMIT = 500;

/** The list's filters as the URL holds them (?store=&status=&order=&limit=), kept to what the API accepts. */
export function parseExportFilter(params: URLSearchParams): ExportFilter {
  const status = params.get('status');
  const store = params.get('store');
  const order = params.get('order')?.trim();
  const limit = Number(params.get('limit'));
  return {
    ...(store ? { storeId: store } : {}),
    ...(status && STATUSES.has(status) ? { status: status as ExportStatus } : {}),
    ...(order ? { sourceOrderId: order.slice(0, 100) } : {}),
    limit: Number.isInteger(limit) && limit >= PAGE_SIZE ? Math.min(limit, MAX_LIMIT) : PAGE_SIZE,
  };
}

/** More can be asked for while a full page came back and the API's maximum is not reached. */
export function moreLimit(loaded: number, limit: number): number | null {
  return loaded >= limit && limit < MAX_LIMIT ? Math.min(limit + PAGE_SIZE, MAX_LIMIT) : null;
}

const FAILURE_LABELS: Record<string, string> = {
  unknown_style: 'Style not on Shopify',
  insufficient_stock: 'Not enough stock',
  customer_data: 'Customer data missing',
  invalid_order: 'Invalid order',
  sink_refused: 'Shopify refused it',
  previous_not_cancelled: 'Previous order not cancelled',
  source_gone: 'Gone from JOOR',
  unavailable: 'Channel unavailable',
};

const RETRY_LABELS: Record<string, string> = {
  'each-run': 'Tried again every run',
  'on-change': 'Tried again only when the JOOR order changes (or on Retry)',
  backoff: 'Tried again after a pause',
};

export interface ExportRow {
  id: string;
  joorOrder: string;
  /** "First export", "Re-export 1", … */
  generation: string;
  status: ExportStatus;
  storeName: string;
  shopifyOrder: string;
  /** The failure's kind in words ("Not enough stock"). */
  failureLabel: string | null;
  /** The failure's sentence from the API, or why it waits. */
  problem: string | null;
  retryPolicy: string | null;
  attempts: number;
  createdAt: string;
  exportedAt: string | null;
}

export function generationLabel(generation: number): string {
  return generation <= 1 ? 'First export' : `Re-export ${generation - 1}`;
}

export function exportRow(view: WholesaleExport, storeNames: ReadonlyMap<string, string>): ExportRow {
  const failure = view.failure;
  return {
    id: view.id,
    joorOrder: view.sourceOrderId,
    generation: generationLabel(view.generation),
    status: view.status,
    storeName: storeNames.get(view.storeId) ?? 'Unknown store',
    shopifyOrder: view.sinkOrder ? (view.sinkOrder.name ?? view.sinkOrder.id) : '—',
    failureLabel: failure ? (FAILURE_LABELS[failure.code] ?? failure.code) : null,
    problem: failure ? (failure.reason ?? FAILURE_LABELS[failure.code] ?? failure.code) : view.note,
    retryPolicy: failure?.retry ? (RETRY_LABELS[failure.retry] ?? failure.retry) : null,
    attempts: view.attempts,
    createdAt: view.createdAt,
    exportedAt: view.exportedAt,
  };
}

export interface ExportActions {
  retry: boolean;
  reExport: boolean;
}

/**
 * What `role` may do with an export: Retry a failed one, Re-export the latest exported one (integration managers and
 * up, as the API requires). A failed latest export is retried rather than re-exported (the API treats both alike), and
 * an older generation is never re-exported from (the API would act on the latest anyway).
 */
export function exportActions(view: WholesaleExport, history: WholesaleExport[], role: Role | undefined): ExportActions {
  if (!hasRole(role, 'integration_manager')) {
    return { retry: false, reExport: false };
  }
  const latest = history.length > 0 ? history.reduce((a, b) => (b.generation > a.generation ? b : a)) : view;
  return { retry: view.status === 'failed', reExport: view.status === 'exported' && latest.id === view.id };
}

/**
 * The Shopify order a re-export creates: the same name with -R<n> (n = re-exports so far), as the exporter names it.
 * The prefix is read from the current order's name ("JOOR-700001" → "JOOR"), JOOR when there is none.
 */
export function reExportOrderName(view: WholesaleExport): string {
  const name = view.sinkOrder?.name ?? '';
  const suffix = `-${view.sourceOrderId}`;
  const at = name.indexOf(suffix);
  const prefix = at > 0 ? name.slice(0, at) : 'JOOR';
  return `${prefix}-${view.sourceOrderId}-R${view.generation}`;
}

export interface SourceOrderSummary {
  poNumber: string | null;
  currency: string | null;
  customer: string | null;
  lines: { key: string; sku: string; name: string; quantity: number | null; unitPrice: string | null }[];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The JOOR order as last read, for people: PO, customer and lines; the API gives it as free-form JSON, so each field is checked. */
export function sourceOrderSummary(source: Record<string, unknown> | null): SourceOrderSummary | null {
  if (!source) {
    return null;
  }
  const customer = record(source.customer);
  const person = [text(customer.firstName), text(customer.lastName)].filter(Boolean).join(' ');
  const who = [text(customer.company), person || null, text(customer.email)].filter(Boolean).join(' · ');
  const lines = Array.isArray(source.lines) ? source.lines : [];
  return {
    poNumber: text(source.poNumber),
    currency: text(source.currency),
    customer: who || null,
    lines: lines.map((raw, i) => {
      const line = record(raw);
      const item = record(line.item);
      return {
        key: text(line.externalLineId) ?? String(i),
        sku: text(item.sku) ?? text(item.styleNumber) ?? text(item.upc) ?? '—',
        name: text(line.name) ?? '—',
        quantity: typeof line.quantity === 'number' ? line.quantity : null,
        unitPrice: text(line.unitPrice),
      };
    }),
  };
}
