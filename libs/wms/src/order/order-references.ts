import { DomainException } from '@gantry/core';
import type { EntityManager } from 'typeorm';

/** The warehouse exists and the shipping process, when given, exists and belongs to it. */
export async function checkOrderReferences(manager: EntityManager, warehouseId: string, shippingProcessId: string | null): Promise<void> {
  const rows: { warehouse: boolean; process_ok: boolean | null }[] = await manager.query(
    `SELECT EXISTS (SELECT 1 FROM warehouse WHERE id = $1) AS warehouse,
            (SELECT warehouse_id = $1 FROM shipping_process WHERE id = $2) AS process_ok`,
    [warehouseId, shippingProcessId],
  );
  const { warehouse, process_ok } = rows[0] ?? { warehouse: false, process_ok: null };
  if (!warehouse) {
    throw DomainException.notFound(`No warehouse ${warehouseId}`, 'warehouseId');
  }
  if (shippingProcessId && process_ok === null) {
    throw DomainException.notFound(`No shipping process ${shippingProcessId}`, 'shippingProcessId');
  }
  if (shippingProcessId && process_ok === false) {
    throw DomainException.invalid('The shipping process belongs to another warehouse', [
      { field: 'shippingProcessId', message: `shipping process ${shippingProcessId} is not one of warehouse ${warehouseId}` },
    ]);
  }
}
