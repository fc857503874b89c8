import type { MailMessage } from '../../mail/mail-sender.service';
import type { ExportFailureCode } from './export-plan.decision';

export interface DigestEntry {
  sourceOrderId: string;
  generation: number;
  poNumber: string | null;
  customer: string | null;
  failureCode: string | null;
  failureReason: string | null;
}

// What a person can do about each failure, in the words of the seed's "How do I resolve my order sync errors".
const REMEDY = (sink: string): Record<ExportFailureCode, string> => ({
  unknown_style: `Only styles created on ${sink} can be exported: create or link the style there, or correct the order.`,
  insufficient_stock: `Add stock on ${sink} (or bypass the check in the store settings); the export is tried again every run.`,
  customer_data: "Add the buyer's e-mail to the order at the source; it is tried again once the order changes.",
  invalid_order: 'Correct the order at the source; it is tried again once it changes.',
  sink_refused: `Correct what ${sink} refused (its words are above); it is tried again once the order changes, or retry it.`,
  previous_not_cancelled: `Cancel the previous order on ${sink}; the re-export follows at the next run.`,
  source_gone: 'The order was removed at the source; nothing will be exported.',
  unavailable: `${sink} was unavailable; the export is tried again by itself.`,
});

/** One mail for every failure a run found (never one mail per failure). */
export function composeExportDigest(input: {
  storeName: string;
  sourceName: string;
  sinkName: string;
  to: string[];
  entries: DigestEntry[];
}): MailMessage {
  const n = input.entries.length;
  const lines = input.entries.map((e) => {
    const who = [e.poNumber ? `PO ${e.poNumber}` : null, e.customer].filter(Boolean).join(', ');
    const remedy = REMEDY(input.sinkName)[e.failureCode as ExportFailureCode] ?? '';
    return [
      `- ${input.sourceName} order ${e.sourceOrderId}${e.generation > 1 ? ` (re-export ${e.generation - 1})` : ''}${who ? ` — ${who}` : ''}`,
      `  Why: ${e.failureReason ?? e.failureCode ?? 'unknown'}`,
      ...(remedy ? [`  What to do: ${remedy}`] : []),
    ].join('\n');
  });
  return {
    to: input.to,
    subject: `[Gantry] ${n} ${input.sourceName} order${n === 1 ? '' : 's'} could not be exported (${input.storeName})`,
    text: [
      `${n} ${input.sourceName} order${n === 1 ? '' : 's'} of the store "${input.storeName}" could not be exported:`,
      '',
      ...lines,
      '',
      'Every export and its history: GET /api/v1/exports?storeId=…; retry one with POST /api/v1/exports/:id/retry.',
      'This digest lists each failure once; a failure is listed again only if its reason changes.',
    ].join('\n'),
  };
}
