/**
 * What the export engine does when the source offers an order it has not seen exported (a scheduled or manual run).
 * Pure: the run reads the order's latest export and applies the answer.
 */

export type ExportState = 'pending' | 'in_flight' | 'exported' | 'failed';

/**
 * When a failed export is tried again. `each-run`: what stopped it can change by itself (stock arrives, the previous
 * order gets cancelled); `on-change`: only a change of the source order (or a person) can help; `backoff`: the channel
 * was unavailable.
 */
export type ExportRetry = 'each-run' | 'on-change' | 'backoff';

/** The latest export of a source order, as far as this decision needs it. */
export interface LatestExport {
  id: string;
  generation: number;
  state: ExportState;
  retry: ExportRetry | null;
  sourceModifiedAt: string | null;
  sinkOrderId: string | null;
  markedAt: Date | null;
}

export type OfferAction =
  /** First sight: record the intent (generation 1). */
  | { kind: 'record' }
  /** Refresh the stored source order and make the export due now. */
  | { kind: 'refresh'; id: string }
  /** Exported, not yet marked on the source: make the mark due. */
  | { kind: 'mark'; id: string }
  /** The source asks to export it again (its "set to re-export"): a new generation that supersedes the sink order. */
  | { kind: 're-export'; generation: number; supersedes: string | null }
  /** Nothing to do (in flight, or failed and unchanged). */
  | { kind: 'none'; reason: string };

export function decideOffer(latest: LatestExport | null, offer: { modifiedAt: string }): OfferAction {
  if (!latest) {
    return { kind: 'record' };
  }
  switch (latest.state) {
    case 'pending':
      // Not sent yet: export what the source says now.
      return { kind: 'refresh', id: latest.id };
    case 'in_flight':
      // Sent with an unknown outcome: what was sent is what may be on the sink; the engine settles it by a lookup.
      return { kind: 'none', reason: 'in flight' };
    case 'exported':
      if (latest.markedAt === null) {
        return { kind: 'mark', id: latest.id };
      }
      return { kind: 're-export', generation: latest.generation + 1, supersedes: latest.sinkOrderId };
    case 'failed':
      if (latest.retry === 'each-run' || latest.retry === 'backoff' || latest.sourceModifiedAt !== offer.modifiedAt) {
        return { kind: 'refresh', id: latest.id };
      }
      return { kind: 'none', reason: 'failed, and the source order has not changed since' };
  }
}
