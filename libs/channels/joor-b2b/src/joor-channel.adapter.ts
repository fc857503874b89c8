import { Injectable } from '@nestjs/common';
import {
  ChannelAdapterException,
  ChannelErrorCode,
  type ChannelAdapter,
  type ChannelCapability,
  type ChannelContext,
  type ChannelPage,
  type WholesaleOrder,
  type WholesaleOrderSource,
} from '@gantry/core';
import { JoorApiClient } from './client/joor-api.client';
import { joorTokenOf } from './client/joor-credentials';
import { JoorOrderMapper } from './orders/joor-order.mapper';
import { JoorStoreSettings } from './settings/joor-store.settings';

export const JOOR_CHANNEL_KEY = 'joor-b2b';

/** JOOR pages orders in fifties (research §2.1). */
export const JOOR_PAGE_SIZE = 50;

// Request enums of GET /orders (research §2.1): order_type 6 = approved orders; export_status 2 = not yet exported
// (never attempted or failed); check 0 = JOOR's own validation never flags the order Failed on our behalf.
const APPROVED_ORDERS = 6;
const NOT_YET_EXPORTED = 2;
const NO_CHECK = 0;

/** An order of a page that could not be read as a wholesale order, with the mapper's reason. */
export interface JoorRejectedOrder {
  externalId: string | null;
  reason: string;
}

/**
 * A page of pending orders. `rejected` lists the orders of the page the mapper refused: they are left out of
 * `items` (one malformed order must not hold up the others) and stay unmarked on JOOR.
 */
export interface JoorPendingPage extends ChannelPage<WholesaleOrder> {
  rejected: JoorRejectedOrder[];
}

/**
 * JOOR as a wholesale order source, through its v2 order API. Reads only ever peek (sync=0); an order is marked
 * exported by its own call, which the engine makes after the sink confirmed the order.
 */
@Injectable()
export class JoorChannelAdapter implements ChannelAdapter<JoorStoreSettings>, WholesaleOrderSource {
  readonly key = JOOR_CHANNEL_KEY;
  readonly name = 'JOOR';
  readonly capabilities: readonly ChannelCapability[] = ['wholesale-order-source'];
  readonly settingsClass = JoorStoreSettings;

  constructor(private readonly client: JoorApiClient) {}

  defaultSettings(): JoorStoreSettings {
    return new JoorStoreSettings();
  }

  /**
   * Approved, not yet exported orders, oldest id first; the cursor is JOOR's start_from. Marking orders between pages
   * shrinks the set the offsets count in, so a caller reads every page before it marks (or starts again at null).
   */
  async pendingOrders(ctx: ChannelContext, cursor: string | null): Promise<JoorPendingPage> {
    const startFrom = JoorChannelAdapter.startFrom(cursor);
    const page = await this.client.listOrders(joorTokenOf(ctx.credentials), {
      order_type: APPROVED_ORDERS,
      export_status: NOT_YET_EXPORTED,
      sync: 0,
      count: JOOR_PAGE_SIZE,
      start_from: startFrom,
    });
    const items: WholesaleOrder[] = [];
    const rejected: JoorRejectedOrder[] = [];
    for (const raw of page.orders) {
      try {
        items.push(JoorOrderMapper.toWholesaleOrder(raw));
      } catch (error) {
        if (!(error instanceof ChannelAdapterException)) {
          throw error;
        }
        const externalId = JoorChannelAdapter.orderIdOf(raw);
        rejected.push({ externalId, reason: error.message });
        ctx.logger.warn(`JOOR order ${externalId ?? '(no order_id)'} left out of the pending orders: ${error.message}`);
      }
    }
    return { items, nextCursor: JoorChannelAdapter.nextCursor(startFrom, page.orders.length, page.nextStartFrom, page.total), rejected };
  }

  /** The order as JOOR states it now, whatever its export state; null when JOOR does not know it. */
  async readOrder(ctx: ChannelContext, externalId: string): Promise<WholesaleOrder | null> {
    const raw = await this.client.getOrder(joorTokenOf(ctx.credentials), externalId);
    return raw === null ? null : JoorOrderMapper.toWholesaleOrder(raw);
  }

  /**
   * Marks one order exported the way third-party integrators do: a sync=1 request filtered to that order (research
   * §2.2). Idempotent: an order already exported is no longer "not yet exported" and the answer is empty. The order_id
   * filter is not in JOOR's documented parameter list, so the answer is checked: another order in it means JOOR
   * ignored the filter and marked that one, which is reported rather than passed over.
   */
  async markExported(ctx: ChannelContext, externalId: string): Promise<void> {
    const page = await this.client.listOrders(joorTokenOf(ctx.credentials), {
      sync: 1,
      order_type: APPROVED_ORDERS,
      order_id: externalId,
      count: 1,
      check: NO_CHECK,
    });
    const others = page.orders.map((o) => JoorChannelAdapter.orderIdOf(o) ?? '(no order_id)').filter((id) => id !== externalId);
    if (others.length > 0) {
      throw new ChannelAdapterException(
        ChannelErrorCode.INVALID_DATA,
        `JOOR ignored the order_id filter while marking order ${externalId} and marked ${others.join(', ')} instead`,
        { details: { orderId: externalId, markedOrderIds: others } },
      );
    }
  }

  private static startFrom(cursor: string | null): number {
    if (cursor === null || cursor === '') {
      return 0;
    }
    if (!/^\d{1,9}$/.test(cursor)) {
      throw new ChannelAdapterException(ChannelErrorCode.INVALID_DATA, `"${cursor}" is not a JOOR page cursor (a start_from offset)`);
    }
    return Number(cursor);
  }

  // next_start_from when JOOR gives one; else counted from total. Never a cursor that does not move forward.
  private static nextCursor(startFrom: number, returned: number, next: number | null, total: number | null): string | null {
    const candidate = next ?? (total !== null && returned > 0 ? startFrom + returned : null);
    return candidate !== null && candidate > startFrom && (total === null || candidate < total) ? String(candidate) : null;
  }

  private static orderIdOf(raw: unknown): string | null {
    const id = typeof raw === 'object' && raw !== null ? (raw as { order_id?: unknown }).order_id : undefined;
    return typeof id === 'string' || typeof id === 'number' ? String(id).trim() || null : null;
  }
}
