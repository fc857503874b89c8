import type { ExportRow } from './wholesale-export.repository';

/** An export as the API shows it: the state, the sink order, why it failed, and the source order it was made from. */
export interface ExportView {
  id: string;
  storeId: string;
  targetStoreId: string;
  sourceOrderId: string;
  generation: number;
  status: ExportRow['state'];
  origin: ExportRow['origin'];
  requestedBy: string | null;
  sinkOrder: { id: string; name: string | null } | null;
  supersedesOrderId: string | null;
  failure: { code: string; reason: string | null; retry: string | null } | null;
  /** Why it waits (the sink or source was unavailable, the mark on the source is pending). */
  note: string | null;
  attempts: number;
  dueAt: Date | null;
  exportedAt: Date | null;
  markedAt: Date | null;
  alertedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  sourceOrder: ExportRow['sourceOrder'];
}

export function toExportView(row: ExportRow): ExportView {
  return {
    id: row.id,
    storeId: row.storeId,
    targetStoreId: row.targetStoreId,
    sourceOrderId: row.sourceOrderId,
    generation: row.generation,
    status: row.state,
    origin: row.origin,
    requestedBy: row.requestedBy,
    sinkOrder: row.sinkOrderId ? { id: row.sinkOrderId, name: row.sinkOrderName } : null,
    supersedesOrderId: row.supersedesOrderId,
    failure: row.state === 'failed' && row.failureCode ? { code: row.failureCode, reason: row.failureReason, retry: row.retry } : null,
    note: row.state !== 'failed' ? row.failureReason : null,
    attempts: row.attempts,
    dueAt: row.dueAt,
    exportedAt: row.exportedAt,
    markedAt: row.markedAt,
    alertedAt: row.alertedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    sourceOrder: row.sourceOrder,
  };
}
