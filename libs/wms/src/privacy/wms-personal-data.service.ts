import { Injectable } from '@nestjs/common';
import {
  HoldsPersonalData,
  nulledInArraySql,
  redactedAddressSql,
  type PersonalDataHolder,
  type PersonalDataRecord,
  type PersonalDataSubject,
} from '@gantry/core';
import type { EntityManager } from 'typeorm';

function affected(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}

const REDACT_ORDER = `shipping_address = ${redactedAddressSql('shipping_address')}, redacted_at = now()`;
// The customer's words on the lines (the return's own reason is the channel's codes); quantities, SKUs and statuses stay.
const REDACT_RETURN = `lines = ${nulledInArraySql('lines', ['reason'])}, redacted_at = now()`;

/**
 * The warehouse's personal data: channel orders' shipping addresses and the customer's words on their returns. Lines,
 * reservations, shipments and statuses are untouched, so a redacted order still ships and its return is still received.
 */
@Injectable()
@HoldsPersonalData()
export class WmsPersonalDataService implements PersonalDataHolder {
  readonly personalDataKey = 'wms';

  async redactOrders(subject: PersonalDataSubject, manager: EntityManager): Promise<number> {
    if (!subject.storeId || subject.orderExternalIds.length === 0) {
      return 0;
    }
    const orders = affected(
      await manager.query(`UPDATE outbound_order SET ${REDACT_ORDER} WHERE store_id = $1 AND external_id = ANY($2::text[])`, [
        subject.storeId,
        subject.orderExternalIds,
      ]),
    );
    const returns = affected(
      await manager.query(
        `UPDATE customer_return SET ${REDACT_RETURN}
          WHERE order_id IN (SELECT id FROM outbound_order WHERE store_id = $1 AND external_id = ANY($2::text[]))`,
        [subject.storeId, subject.orderExternalIds],
      ),
    );
    return orders + returns;
  }

  async redactAccount(subject: PersonalDataSubject, manager: EntityManager): Promise<number> {
    if (!subject.storeId) {
      return 0;
    }
    const orders = affected(await manager.query(`UPDATE outbound_order SET ${REDACT_ORDER} WHERE store_id = $1`, [subject.storeId]));
    const returns = affected(await manager.query(`UPDATE customer_return SET ${REDACT_RETURN} WHERE store_id = $1`, [subject.storeId]));
    return orders + returns;
  }

  async exportSubject(subject: PersonalDataSubject, manager: EntityManager): Promise<PersonalDataRecord[]> {
    if (!subject.storeId || subject.orderExternalIds.length === 0) {
      return [];
    }
    const orders = await manager.query<{ id: string; data: unknown }[]>(
      `SELECT o.id, jsonb_build_object('externalId', o.external_id, 'externalNumber', o.external_number, 'status', o.status,
              'shippingAddress', o.shipping_address, 'createdAt', o.created_at, 'redactedAt', o.redacted_at,
              'lines', (SELECT coalesce(jsonb_agg(jsonb_build_object('sku', l.sku, 'quantity', l.quantity, 'shipped', l.shipped_quantity)), '[]')
                          FROM order_line l WHERE l.order_id = o.id)) AS data
         FROM outbound_order o WHERE o.store_id = $1 AND o.external_id = ANY($2::text[]) ORDER BY o.created_at`,
      [subject.storeId, subject.orderExternalIds],
    );
    const returns = await manager.query<{ id: string; data: unknown }[]>(
      `SELECT r.id, jsonb_build_object('orderId', r.order_id, 'externalName', r.external_name, 'status', r.status,
              'reason', r.reason, 'lines', r.lines, 'createdAt', r.created_at, 'redactedAt', r.redacted_at) AS data
         FROM customer_return r JOIN outbound_order o ON o.id = r.order_id
        WHERE o.store_id = $1 AND o.external_id = ANY($2::text[]) ORDER BY r.created_at`,
      [subject.storeId, subject.orderExternalIds],
    );
    return [
      ...orders.map((r) => ({ table: 'outbound_order', id: r.id, data: r.data })),
      ...returns.map((r) => ({ table: 'customer_return', id: r.id, data: r.data })),
    ];
  }
}
