import { useState } from 'react';
import type { OrderRow } from './order-rows';
import { useRetryOrder, type ChannelOrder } from './orders.api';

export interface RetryOutcome {
  label: string;
  order: ChannelOrder;
}

/**
 * The open order and Retry, shared by the orders page and the store's orders tab. The open row is kept by key and read
 * from the current rows, so a refetch after a retry shows its new state; a row that left the list stays as it was.
 */
export function useOrderActions(rows: OrderRow[]) {
  const [openRow, setOpenRow] = useState<OrderRow | null>(null);
  const [outcome, setOutcome] = useState<RetryOutcome | null>(null);
  const retry = useRetryOrder();
  const current = openRow ? (rows.find((r) => r.key === openRow.key) ?? openRow) : null;

  return {
    openRow: current,
    open: (row: OrderRow) => {
      retry.reset();
      setOpenRow(row);
    },
    close: () => setOpenRow(null),
    retry: (row: OrderRow) => {
      if (row.warehouseOrderId === null) {
        return;
      }
      setOutcome(null);
      retry.mutate(row.warehouseOrderId, { onSuccess: (order) => setOutcome({ label: row.label, order }) });
    },
    retrying: retry.isPending,
    retryingKey: retry.isPending ? (rows.find((r) => r.warehouseOrderId === retry.variables)?.key ?? null) : null,
    retryError: retry.error,
    outcome,
    dismissOutcome: () => {
      setOutcome(null);
      retry.reset();
    },
  };
}
