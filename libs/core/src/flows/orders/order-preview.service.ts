import { Injectable } from '@nestjs/common';
import type { ChannelOrder } from '../../channel/channel-adapter.interface';
import { DomainException } from '../../errors/domain.exception';
import { ChannelProductMappingService } from '../../mapping/channel-product-mapping.service';
import { StoreStatus } from '../../store/store-status.enum';
import { StoreService } from '../../store/store.service';
import { mergeSettings, settingsToPlain, validateSettings } from '../../validation/settings.util';
import type { OrderFilterPreviewQueryDto } from './dtos/order-filter-preview.query.dto';
import { orderFilterVerdict } from './order-filter.decision';
import type { WithOrderFilterSettings } from './order-import.settings';
import { asOrderSource } from './order-source.directory';

export interface OrderPreviewItem {
  externalId: string;
  number: string | null;
  createdAt: string;
  verdict: 'import' | 'hold' | 'skip';
  reason: string | null;
}

export interface OrderPreview {
  filters: Record<string, unknown>;
  days: number;
  /** True when the window holds more orders than a preview reads. */
  truncated: boolean;
  counts: { import: number; hold: number; skip: number };
  orders: OrderPreviewItem[];
}

const MAX_ORDERS = 500;
const FILTER_KEYS = ['statuses', 'financialStatuses', 'fulfillmentStatuses', 'tagsAnyOf', 'tagsNoneOf', 'createdOnOrAfter'] as const;

/** Which of the store's recent orders filters would take, read live from the channel; saves nothing. */
@Injectable()
export class OrderPreviewService {
  constructor(
    private readonly stores: StoreService,
    private readonly products: ChannelProductMappingService,
  ) {}

  async preview(storeId: string, query: OrderFilterPreviewQueryDto): Promise<OrderPreview> {
    const { store, adapter, context } = await this.stores.resolve(storeId);
    const source = asOrderSource(adapter);
    if (!source) {
      throw DomainException.conflict(`${adapter.name} stores have no orders to import`);
    }
    if (store.status !== StoreStatus.CONNECTED) {
      throw DomainException.conflict(`Store ${store.name} is ${store.status}; reconnect it first`);
    }
    const trial: Record<string, unknown> = {};
    for (const key of FILTER_KEYS) {
      if (query[key] !== undefined) {
        trial[key] = query[key];
      }
    }
    // The trial filters are checked as a settings change would be (field errors name orderFilters.*).
    const settings = validateSettings(
      adapter.settingsClass,
      mergeSettings(settingsToPlain(context.settings), { orderFilters: trial }),
    ) as Partial<WithOrderFilterSettings>;
    const filters = settings.orderFilters;
    if (!filters) {
      throw DomainException.conflict(`${adapter.name} stores have no order filters`);
    }
    const since = new Date(Date.now() - query.days * 86_400_000);
    const orders: ChannelOrder[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: ChannelOrder[]; nextCursor: string | null } = await source.fetchOrders(context, { createdSince: since, cursor });
      orders.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && orders.length < MAX_ORDERS);
    const shown = orders.slice(0, MAX_ORDERS);
    const mapped = await this.products.find(storeId, {
      externalIds: shown.flatMap((o) => o.lines.flatMap((l) => (l.channelItemId ? [l.channelItemId] : []))),
      skus: shown.flatMap((o) => o.lines.flatMap((l) => (l.sku ? [l.sku] : []))),
    });
    const items = new Set(mapped.map((m) => m.externalId));
    const skus = new Set(mapped.map((m) => m.sku));
    const result: OrderPreviewItem[] = shown.map((order) => {
      const base = { externalId: order.externalId, number: order.externalNumber, createdAt: order.createdAt };
      const verdict = order.cancelledAt ? { pass: false as const, reason: 'cancelled' } : orderFilterVerdict(filters, order);
      if (!verdict.pass) {
        return { ...base, verdict: 'skip', reason: verdict.reason };
      }
      const unmatched = order.lines.filter(
        (l) => l.quantity > 0 && !(l.channelItemId && items.has(l.channelItemId)) && !(l.sku && skus.has(l.sku)),
      );
      return unmatched.length > 0
        ? {
            ...base,
            verdict: 'hold',
            reason: `no mapped product for ${unmatched.map((l) => l.sku ?? l.title ?? l.externalLineId).join(', ')}`,
          }
        : { ...base, verdict: 'import', reason: null };
    });
    const counts = { import: 0, hold: 0, skip: 0 };
    for (const item of result) {
      counts[item.verdict] += 1;
    }
    return {
      filters: settingsToPlain(filters),
      days: query.days,
      truncated: orders.length > MAX_ORDERS || cursor !== null,
      counts,
      orders: result,
    };
  }
}
