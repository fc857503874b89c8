import { Injectable } from '@nestjs/common';
import {
  DomainException,
  nulledInArraySql,
  type WarehouseReturnDraft,
  type WarehouseReturnReceipt,
  type WarehouseReturnSync,
} from '@gantry/core';
import type { EntityManager } from 'typeorm';
import { OutboundOrder } from '../order/outbound-order.entity';
import { CustomerReturn, type ReturnLineRecord } from './customer-return.entity';
import { ReturnStatus } from './return-status.enum';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ReturnHeader = Pick<
  CustomerReturn,
  'warehouseId' | 'orderId' | 'reason' | 'externalName' | 'channelRestocks' | 'status' | 'holdReason'
>;

/**
 * Brings a channel return's warehouse return to the state the core wants, in the caller's transaction (never one of
 * its own): the core commits the return together with its own bookkeeping, or neither.
 */
@Injectable()
export class ChannelReturnSyncService {
  /**
   * Finds the return by (store, external id) or creates it expected ('created'). While nothing of it is received it
   * follows the draft ('updated' / 'unchanged'; a withdrawn one is expected again); once something is, lines or a
   * warehouse that differ are 'locked' (nothing changes). A SKU without a product is 'refused' before anything is written.
   */
  async expect(manager: EntityManager, draft: WarehouseReturnDraft): Promise<WarehouseReturnSync> {
    checkDraft(draft);
    const products = await this.productsBySku(manager, draft);
    const unknown = draft.lines.filter((l) => !products.has(l.sku));
    if (unknown.length > 0) {
      return { returnId: null, outcome: 'refused', reason: refusal(draft, unknown) };
    }
    const orderLines = await this.orderLines(manager, draft.orderId);
    let current = await this.lockByExternal(manager, draft);
    if (!current) {
      await checkWarehouse(manager, draft.warehouseId);
      const created = await this.insert(manager, draft, desiredLines(draft, products, orderLines, []));
      if (created) {
        return { returnId: created, outcome: 'created' };
      }
      // A concurrent attempt created it first and has committed (the insert waited for it): bring that one to the draft.
      current = await this.lockByExternal(manager, draft);
      if (!current) {
        throw DomainException.conflict(`Return ${draft.externalId} of store ${draft.storeId} was created and removed meanwhile; try again`);
      }
    }
    const lines = desiredLines(draft, products, orderLines, current.lines);
    // A redacted return keeps its lines without the customer's words, whatever the channel says next.
    return this.update(manager, draft, current, current.redactedAt ? lines.map((l) => ({ ...l, reason: null })) : lines);
  }

  /** Nothing received: cancelled ('withdrawn'). Otherwise held (needs_attention) with the reason ('held'). Idempotent. */
  async withdraw(manager: EntityManager, returnId: string, reason: string): Promise<{ outcome: 'withdrawn' | 'held' }> {
    const ret = await this.lockById(manager, returnId);
    if (!hasReceived(ret)) {
      if (ret.status !== ReturnStatus.CANCELLED) {
        await manager.update(CustomerReturn, { id: ret.id }, { status: ReturnStatus.CANCELLED, holdReason: null });
      }
      return { outcome: 'withdrawn' };
    }
    if (ret.status !== ReturnStatus.NEEDS_ATTENTION || ret.holdReason !== reason) {
      await manager.update(CustomerReturn, { id: ret.id }, { status: ReturnStatus.NEEDS_ATTENTION, holdReason: reason });
    }
    return { outcome: 'held' };
  }

  /** What was received so far, per line; null when there is no return with this id. */
  async receipt(manager: EntityManager, returnId: string): Promise<WarehouseReturnReceipt | null> {
    if (!UUID.test(returnId)) {
      return null;
    }
    const ret = await manager.findOneBy(CustomerReturn, { id: returnId });
    if (!ret) {
      return null;
    }
    return {
      returnId: ret.id,
      storeId: ret.storeId,
      externalId: ret.externalId,
      warehouseId: ret.warehouseId,
      status: ret.status,
      complete: ret.lines.every((l) => l.receivedQuantity >= l.quantity),
      lines: ret.lines.map((l) => ({
        externalLineId: l.externalLineId,
        sku: l.sku,
        quantity: l.quantity,
        received: l.receivedQuantity,
        restocked: l.restockedQuantity,
      })),
    };
  }

  private async update(
    manager: EntityManager,
    draft: WarehouseReturnDraft,
    ret: CustomerReturn,
    lines: ReturnLineRecord[],
  ): Promise<WarehouseReturnSync> {
    const received = hasReceived(ret);
    if (received) {
      const changes = describeChanges(ret, draft);
      if (changes.length > 0) {
        const arrived = ret.lines.filter((l) => l.receivedQuantity > 0).map((l) => `${l.receivedQuantity} × ${l.sku}`);
        return {
          returnId: ret.id,
          outcome: 'locked',
          reason: `Return ${name(ret)} has goods received (${arrived.join(', ')}); it cannot change: ${changes.join(', ')}`,
        };
      }
    } else if (draft.warehouseId !== ret.warehouseId) {
      await checkWarehouse(manager, draft.warehouseId);
    }
    const header: ReturnHeader = {
      warehouseId: draft.warehouseId,
      orderId: draft.orderId,
      reason: draft.reason,
      externalName: draft.externalName,
      channelRestocks: draft.channelRestocks,
      // The channel expects the return (again): a withdrawal's cancel or hold no longer applies.
      status: received ? receivedStatus(lines) : withdrawnStatuses.has(ret.status) ? ReturnStatus.EXPECTED : ret.status,
      holdReason: null,
    };
    const headerSame = (Object.keys(header) as (keyof ReturnHeader)[]).every((k) => ret[k] === header[k]);
    if (headerSame && sameLines(ret.lines, lines)) {
      return { returnId: ret.id, outcome: 'unchanged' };
    }
    await manager.update(CustomerReturn, { id: ret.id }, { ...header, lines });
    return { returnId: ret.id, outcome: 'updated' };
  }

  /** The id of the new return, or null when a return with the same (store, external id) exists meanwhile. */
  private async insert(manager: EntityManager, draft: WarehouseReturnDraft, lines: ReturnLineRecord[]): Promise<string | null> {
    // ON CONFLICT rather than catching the unique violation: that would abort the caller's transaction.
    const rows: { id: string }[] = await manager.query(
      // A return of a redacted order is born redacted: the customer's words on its lines are not kept.
      `INSERT INTO customer_return (store_id, external_id, external_name, order_id, warehouse_id, reason, status, channel_restocks, lines, redacted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8,
               CASE WHEN (SELECT redacted_at FROM outbound_order WHERE id = $4::uuid) IS NULL THEN $9::jsonb
                    ELSE ${nulledInArraySql('$9::jsonb', ['reason'])} END,
               (SELECT redacted_at FROM outbound_order WHERE id = $4::uuid))
       ON CONFLICT (store_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        draft.storeId,
        draft.externalId,
        draft.externalName,
        draft.orderId,
        draft.warehouseId,
        draft.reason,
        ReturnStatus.EXPECTED,
        draft.channelRestocks,
        JSON.stringify(lines),
      ],
    );
    return rows[0]?.id ?? null;
  }

  private async lockByExternal(manager: EntityManager, draft: WarehouseReturnDraft): Promise<CustomerReturn | null> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM customer_return WHERE store_id = $1 AND external_id = $2 FOR UPDATE`,
      [draft.storeId, draft.externalId],
    );
    return rows[0] ? manager.findOneByOrFail(CustomerReturn, { id: rows[0].id }) : null;
  }

  private async lockById(manager: EntityManager, id: string): Promise<CustomerReturn> {
    const rows: unknown[] = UUID.test(id) ? await manager.query(`SELECT id FROM customer_return WHERE id = $1 FOR UPDATE`, [id]) : [];
    if (rows.length === 0) {
      throw DomainException.notFound(`No return ${id}`);
    }
    return manager.findOneByOrFail(CustomerReturn, { id });
  }

  private async productsBySku(manager: EntityManager, draft: WarehouseReturnDraft): Promise<Map<string, string>> {
    const rows: { id: string; sku: string }[] = await manager.query(`SELECT id, sku FROM product WHERE sku = ANY($1::text[])`, [
      draft.lines.map((l) => l.sku),
    ]);
    return new Map(rows.map((p) => [p.sku, p.id]));
  }

  /** The lines of the order the goods left with; none without an order. */
  private async orderLines(manager: EntityManager, orderId: string | null): Promise<OrderLineRef[]> {
    if (orderId === null) {
      return [];
    }
    const order = await manager.findOne(OutboundOrder, { where: { id: orderId }, relations: { lines: true } });
    if (!order) {
      throw DomainException.notFound(`No order ${orderId}`, 'orderId');
    }
    return order.lines;
  }
}

interface OrderLineRef {
  id: string;
  sku: string;
  shippedQuantity: number;
}

/** A cancelled or held return the channel expects again. */
const withdrawnStatuses = new Set([ReturnStatus.CANCELLED, ReturnStatus.NEEDS_ATTENTION]);

/** A draft the core should never send: refused before anything changes. */
function checkDraft(draft: WarehouseReturnDraft): void {
  const ids: [string, string | null][] = [
    ['storeId', draft.storeId],
    ['warehouseId', draft.warehouseId],
    ['orderId', draft.orderId],
  ];
  for (const [field, value] of ids) {
    if (value !== null && !UUID.test(value)) {
      throw DomainException.invalid(`Return ${draft.externalId}: ${field} ${value} is not a UUID`, [{ field, message: 'must be a UUID' }]);
    }
  }
  if (!draft.externalId) {
    throw DomainException.invalid('A channel return needs its external id', [{ field: 'externalId', message: 'must not be empty' }]);
  }
  if (draft.lines.length === 0) {
    throw DomainException.invalid(`Return ${draft.externalId} has no lines`, [{ field: 'lines', message: 'must not be empty' }]);
  }
  const seen = new Set<string>();
  draft.lines.forEach((line, i) => {
    if (!line.externalLineId || seen.has(line.externalLineId)) {
      const message = line.externalLineId ? `line ${line.externalLineId} appears twice` : 'a line needs its channel line id';
      throw DomainException.invalid(`Return ${draft.externalId}: ${message}`, [{ field: `lines[${i}].externalLineId`, message }]);
    }
    seen.add(line.externalLineId);
    if (!Number.isInteger(line.quantity) || line.quantity < 0) {
      const message = `quantity ${line.quantity} is not a whole number of units`;
      throw DomainException.invalid(`Return ${draft.externalId}, line ${line.externalLineId}: ${message}`, [
        { field: `lines[${i}].quantity`, message },
      ]);
    }
  });
}

async function checkWarehouse(manager: EntityManager, warehouseId: string): Promise<void> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM warehouse WHERE id = $1`, [warehouseId]);
  if (rows.length === 0) {
    throw DomainException.notFound(`No warehouse ${warehouseId}`, 'warehouseId');
  }
}

function refusal(draft: WarehouseReturnDraft, unknown: WarehouseReturnDraft['lines']): string {
  const skus = [...new Set(unknown.filter((l) => l.sku !== '').map((l) => l.sku))];
  const parts = [
    ...(skus.length > 0 ? [`no product in the warehouse with SKU ${skus.join(', ')}`] : []),
    ...unknown.filter((l) => l.sku === '').map((l) => `line ${l.externalLineId} has no SKU`),
  ];
  return `Return ${draft.externalName ?? draft.externalId} cannot be expected: ${parts.join('; ')}`;
}

/**
 * The draft's lines as stored: what was received of a line stays with it (the same channel line with the same SKU),
 * and a line points at the order's line with its SKU (one that shipped, when there are several).
 */
function desiredLines(
  draft: WarehouseReturnDraft,
  products: Map<string, string>,
  orderLines: OrderLineRef[],
  current: ReturnLineRecord[],
): ReturnLineRecord[] {
  return draft.lines.map((l) => {
    const kept = current.find((c) => c.externalLineId === l.externalLineId && c.sku === l.sku);
    const orderLine = orderLines.find((o) => o.sku === l.sku && o.shippedQuantity > 0) ?? orderLines.find((o) => o.sku === l.sku);
    return {
      sku: l.sku,
      productId: products.get(l.sku) ?? '',
      quantity: l.quantity,
      receivedQuantity: kept?.receivedQuantity ?? 0,
      restockedQuantity: kept?.restockedQuantity ?? 0,
      orderLineId: orderLine?.id ?? null,
      externalLineId: l.externalLineId,
      reason: l.reason,
    };
  });
}

/** What receiving locks: the warehouse, and each line's SKU and quantity (reasons, names and the order may still change). */
function describeChanges(ret: CustomerReturn, draft: WarehouseReturnDraft): string[] {
  const changes: string[] = [];
  if (ret.warehouseId !== draft.warehouseId) {
    changes.push(`warehouse ${ret.warehouseId} → ${draft.warehouseId}`);
  }
  for (const l of draft.lines) {
    const cur = ret.lines.find((c) => c.externalLineId === l.externalLineId);
    if (!cur) {
      changes.push(`line ${l.externalLineId} (SKU ${l.sku}) added`);
      continue;
    }
    if (cur.sku !== l.sku) {
      changes.push(`line ${l.externalLineId} SKU ${cur.sku} → ${l.sku}`);
    }
    if (cur.quantity !== l.quantity) {
      changes.push(`line ${l.externalLineId} (SKU ${l.sku}) quantity ${cur.quantity} → ${l.quantity}`);
    }
  }
  for (const c of ret.lines) {
    if (!draft.lines.some((l) => l.externalLineId === c.externalLineId)) {
      changes.push(`line ${c.externalLineId ?? 'without a channel line id'} (SKU ${c.sku}) removed`);
    }
  }
  return changes;
}

function hasReceived(ret: CustomerReturn): boolean {
  return ret.lines.some((l) => l.receivedQuantity > 0);
}

function receivedStatus(lines: ReturnLineRecord[]): ReturnStatus {
  return lines.every((l) => l.receivedQuantity >= l.quantity) ? ReturnStatus.RECEIVED : ReturnStatus.PARTIALLY_RECEIVED;
}

/** Equal line for line, in any order (the channel may list them differently). */
function sameLines(a: ReturnLineRecord[], b: ReturnLineRecord[]): boolean {
  const canonical = (lines: ReturnLineRecord[]): string =>
    JSON.stringify(
      lines
        .map((l) => [
          l.externalLineId ?? '',
          l.sku,
          l.productId,
          l.quantity,
          l.receivedQuantity,
          l.restockedQuantity,
          l.orderLineId,
          l.reason ?? null,
        ])
        .sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1)),
    );
  return canonical(a) === canonical(b);
}

function name(ret: CustomerReturn): string {
  return ret.externalName ?? ret.externalId ?? ret.id;
}
