import { Injectable } from '@nestjs/common';
import {
  ChannelAdapterException,
  type CatalogSource,
  type ChannelAdapter,
  type ChannelCapability,
  type ChannelCatalogItem,
  type ChannelContext,
  type ChannelErrorCode,
  type ChannelItemResult,
  type ChannelPage,
  type ChannelStockUpdate,
  type StockSink,
} from '@gantry/core';
import { FakeChannelSettings } from './fake-channel.settings';

export interface FakeCall {
  method: 'fetchCatalog' | 'pushStock';
  storeId: string;
  credentials: unknown;
  settings: unknown;
  args: unknown[];
}

const PAGE_SIZE = 2;

/**
 * A channel that lives in memory: it records every call and fails on demand. Tests register it through the real
 * CHANNEL_ADAPTERS token (channelAdapterProviders), as the Shopify module registers its adapter, so the registry,
 * plugins, stores and sync runs treat it as they treat any channel.
 */
@Injectable()
export class FakeChannelAdapter implements ChannelAdapter<FakeChannelSettings>, CatalogSource, StockSink {
  readonly key: string = 'fake';
  readonly name: string = 'Fake channel';
  readonly capabilities: readonly ChannelCapability[] = ['catalog-source', 'stock-sink'];
  readonly settingsClass = FakeChannelSettings;

  readonly calls: FakeCall[] = [];
  catalog: ChannelCatalogItem[] = [];
  /** SKUs the channel refuses in pushStock (an item-level failure, not a call failure). */
  readonly refusedSkus = new Set<string>();
  private failures: { code: ChannelErrorCode; retryAfterMs?: number }[] = [];

  defaultSettings(): FakeChannelSettings {
    return new FakeChannelSettings();
  }

  /** The next `times` calls throw ChannelAdapterException(code). */
  failNext(code: ChannelErrorCode, times = 1, retryAfterMs?: number): void {
    for (let i = 0; i < times; i++) {
      this.failures.push(retryAfterMs === undefined ? { code } : { code, retryAfterMs });
    }
  }

  reset(): void {
    this.calls.length = 0;
    this.catalog = [];
    this.refusedSkus.clear();
    this.failures = [];
  }

  fetchCatalog(ctx: ChannelContext, cursor?: string | null): Promise<ChannelPage<ChannelCatalogItem>> {
    this.enter('fetchCatalog', ctx, [cursor ?? null]);
    const start = cursor ? Number(cursor) : 0;
    const items = this.catalog.slice(start, start + PAGE_SIZE);
    const next = start + PAGE_SIZE < this.catalog.length ? String(start + PAGE_SIZE) : null;
    return Promise.resolve({ items, nextCursor: next });
  }

  pushStock(ctx: ChannelContext, items: ChannelStockUpdate[]): Promise<ChannelItemResult[]> {
    this.enter('pushStock', ctx, [items]);
    return Promise.resolve(
      items.map((item) =>
        this.refusedSkus.has(item.sku)
          ? { ref: item.sku, sku: item.sku, outcome: 'failed' as const, reason: 'refused by the fake channel' }
          : { ref: item.sku, sku: item.sku, outcome: 'ok' as const },
      ),
    );
  }

  private enter(method: FakeCall['method'], ctx: ChannelContext, args: unknown[]): void {
    this.calls.push({ method, storeId: ctx.storeId, credentials: ctx.credentials, settings: ctx.settings, args });
    const failure = this.failures.shift();
    if (failure) {
      throw new ChannelAdapterException(
        failure.code,
        `fake ${method} failed with ${failure.code}`,
        failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs },
      );
    }
  }
}
