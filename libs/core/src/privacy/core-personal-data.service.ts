import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { HoldsPersonalData, type PersonalDataHolder, type PersonalDataRecord, type PersonalDataSubject } from './personal-data-holder';
import { nulledInArraySql, redactedAddressSql, redactedChannelOrderSql, redactedChannelReturnSql } from './personal-data.sql';

/** A wholesale order (`WholesaleOrder`) without the people in it: the retailer's company and code stay. */
const REDACTED_SOURCE_ORDER = `(CASE WHEN source_order IS NULL THEN NULL ELSE source_order || jsonb_build_object(
    'customer', jsonb_strip_nulls(jsonb_build_object('code', source_order->'customer'->'code', 'company', source_order->'customer'->'company'))
      || '{"email": null, "firstName": null, "lastName": null, "phone": null}'::jsonb,
    'shippingAddress', coalesce(${redactedAddressSql(`source_order->'shippingAddress'`)}, 'null'::jsonb),
    'billingAddress', coalesce(${redactedAddressSql(`source_order->'billingAddress'`)}, 'null'::jsonb),
    'comments', null,
    'details', '{}'::jsonb,
    'lines', coalesce(${nulledInArraySql(`source_order->'lines'`, ['comment'])}, '[]'::jsonb)) END)`;

const REDACTED_RETURN = redactedChannelReturnSql('snapshot');

function affected(result: unknown): number {
  return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
}

/**
 * The core's own tables that keep personal data: channel orders (the shipping address in their snapshot), channel
 * returns (the customer's notes) and wholesale exports (the retailer's people and addresses in the source order).
 * Redaction keeps ids, SKUs, quantities and states, so stock, shipments, returns and idempotency keep working.
 */
@Injectable()
@HoldsPersonalData()
export class CorePersonalDataService implements PersonalDataHolder {
  readonly personalDataKey = 'core';

  async redactOrders(subject: PersonalDataSubject, manager: EntityManager): Promise<number> {
    if (!subject.storeId) {
      return 0;
    }
    const email = subject.customer?.email ?? null;
    return (
      affected(
        await manager.query(
          `UPDATE channel_order SET snapshot = ${redactedChannelOrderSql('snapshot')}, redacted_at = now()
            WHERE store_id = $1 AND external_id = ANY($2::text[])`,
          [subject.storeId, subject.orderExternalIds],
        ),
      ) +
      affected(
        await manager.query(
          `UPDATE channel_return SET snapshot = ${REDACTED_RETURN}, redacted_at = now()
            WHERE store_id = $1 AND order_external_id = ANY($2::text[])`,
          [subject.storeId, subject.orderExternalIds],
        ),
      ) +
      affected(
        await manager.query(
          `UPDATE wholesale_export SET source_order = ${REDACTED_SOURCE_ORDER}, redacted_at = now()
            WHERE target_store_id = $1
              AND (sink_order_id = ANY($2::text[]) OR ($3::text IS NOT NULL AND lower(source_order->'customer'->>'email') = lower($3)))`,
          [subject.storeId, subject.orderExternalIds, email],
        ),
      )
    );
  }

  async redactAccount(subject: PersonalDataSubject, manager: EntityManager): Promise<number> {
    if (!subject.storeId) {
      return 0;
    }
    const params = [subject.storeId];
    return (
      affected(
        await manager.query(
          `UPDATE channel_order SET snapshot = ${redactedChannelOrderSql('snapshot')}, redacted_at = now() WHERE store_id = $1`,
          params,
        ),
      ) +
      affected(
        await manager.query(`UPDATE channel_return SET snapshot = ${REDACTED_RETURN}, redacted_at = now() WHERE store_id = $1`, params),
      ) +
      affected(
        await manager.query(
          `UPDATE wholesale_export SET source_order = ${REDACTED_SOURCE_ORDER}, redacted_at = now() WHERE target_store_id = $1`,
          params,
        ),
      )
    );
  }

  async exportSubject(subject: PersonalDataSubject, manager: EntityManager): Promise<PersonalDataRecord[]> {
    if (!subject.storeId) {
      return [];
    }
    const email = subject.customer?.email ?? null;
    const orders = await manager.query<{ id: string; data: unknown }[]>(
      `SELECT id, jsonb_build_object('externalId', external_id, 'externalNumber', external_number, 'state', state,
              'order', snapshot, 'firstSeenAt', first_seen_at, 'redactedAt', redacted_at) AS data
         FROM channel_order WHERE store_id = $1 AND external_id = ANY($2::text[]) ORDER BY first_seen_at`,
      [subject.storeId, subject.orderExternalIds],
    );
    const returns = await manager.query<{ id: string; data: unknown }[]>(
      `SELECT id, jsonb_build_object('externalId', external_id, 'externalName', external_name, 'orderExternalId', order_external_id,
              'state', state, 'return', snapshot, 'redactedAt', redacted_at) AS data
         FROM channel_return WHERE store_id = $1 AND order_external_id = ANY($2::text[]) ORDER BY first_seen_at`,
      [subject.storeId, subject.orderExternalIds],
    );
    const exports = await manager.query<{ id: string; data: unknown }[]>(
      `SELECT id, jsonb_build_object('sourceOrderId', source_order_id, 'generation', generation, 'sinkOrderId', sink_order_id,
              'sinkOrderName', sink_order_name, 'state', state, 'sourceOrder', source_order, 'redactedAt', redacted_at) AS data
         FROM wholesale_export
        WHERE target_store_id = $1
          AND (sink_order_id = ANY($2::text[]) OR ($3::text IS NOT NULL AND lower(source_order->'customer'->>'email') = lower($3)))
        ORDER BY created_at`,
      [subject.storeId, subject.orderExternalIds, email],
    );
    return [
      ...orders.map((r) => ({ table: 'channel_order', id: r.id, data: r.data })),
      ...returns.map((r) => ({ table: 'channel_return', id: r.id, data: r.data })),
      ...exports.map((r) => ({ table: 'wholesale_export', id: r.id, data: r.data })),
    ];
  }

  /** Sync-run items are per-item details (order numbers, reasons) kept for troubleshooting only. */
  async pruneBefore(before: Date, limit: number, dataSource: DataSource): Promise<number> {
    return affected(
      await dataSource.query(
        `DELETE FROM sync_run_item WHERE id IN (SELECT id FROM sync_run_item WHERE created_at < $1 ORDER BY created_at LIMIT $2)`,
        [before, limit],
      ),
    );
  }
}
