import { Injectable } from '@nestjs/common';
import {
  ChannelAdapterException,
  ChannelErrorCode,
  type CatalogSource,
  type ChannelAdapter,
  type ChannelCapability,
  type ChannelCatalogItem,
  type ChannelContext,
  type ChannelPage,
  type ChannelStockLineResult,
  type ChannelStockPair,
  type ChannelStockWrite,
  type ChannelStockWriteResult,
  type StockSink,
  type StockSinkTraits,
} from '@gantry/core';
import { FakeChannelSettings } from './fake-channel.settings';

export interface FakeCall {
  method: 'fetchCatalog' | 'pushStock' | 'readStock';
  storeId: string;
  credentials: unknown;
  settings: unknown;
  args: unknown[];
}

const PAGE_SIZE = 2;

/**
 * A channel that lives in memory: it records every call, keeps stock per (store, item, location) and fails on demand.
 * Its stock sink differs from Shopify's on purpose (batches of 50, delta writes only, no compare-and-set), so the
 * engine is shown to be channel-neutral. Tests register it through the real CHANNEL_ADAPTERS token
 * (channelAdapterProviders), as the Shopify module registers its adapter.
 */
@Injectable()
export class FakeChannelAdapter implements ChannelAdapter<FakeChannelSettings>, CatalogSource, StockSink {
  readonly key: string = 'fake';
  readonly name: string = 'Fake channel';
  readonly capabilities: readonly ChannelCapability[] = ['catalog-source', 'stock-sink'];
  readonly settingsClass = FakeChannelSettings;
  readonly stockTraits: StockSinkTraits = { maxBatch: 50, modes: ['delta'], compareAndSet: false, idempotencyKeys: true };

  readonly calls: FakeCall[] = [];
  catalog: ChannelCatalogItem[] = [];
  /** Channel items the sink refuses (a line-level failure, not a call failure). */
  readonly refusedItems = new Set<string>();
  /** Quantity per `${storeId}|${item}@${location}`. */
  readonly stock = new Map<string, number>();
  /** Writes applied, by idempotency key: a write seen before is answered again without applying it twice. */
  readonly applied = new Map<string, ChannelStockWriteResult>();
  /** Share of writes that apply and then fail as if the answer was lost (outcome unknown). */
  lostAnswerRate = 0;
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
    this.refusedItems.clear();
    this.stock.clear();
    this.applied.clear();
    this.lostAnswerRate = 0;
    this.failures = [];
  }

  quantity(storeId: string, pair: ChannelStockPair): number {
    return this.stock.get(stockKey(storeId, pair)) ?? 0;
  }

  fetchCatalog(ctx: ChannelContext, cursor?: string | null): Promise<ChannelPage<ChannelCatalogItem>> {
    this.enter('fetchCatalog', ctx, [cursor ?? null]);
    const start = cursor ? Number(cursor) : 0;
    const items = this.catalog.slice(start, start + PAGE_SIZE);
    const next = start + PAGE_SIZE < this.catalog.length ? String(start + PAGE_SIZE) : null;
    return Promise.resolve({ items, nextCursor: next });
  }

  pushStock(ctx: ChannelContext, write: ChannelStockWrite): Promise<ChannelStockWriteResult> {
    this.enter('pushStock', ctx, [write]);
    if (write.mode !== 'delta' || write.lines.length > this.stockTraits.maxBatch) {
      throw new ChannelAdapterException(
        ChannelErrorCode.INVALID_DATA,
        `the fake channel takes up to 50 delta lines, got ${write.lines.length} ${write.mode}`,
      );
    }
    const seen = this.applied.get(write.idempotencyKey);
    if (seen) {
      return Promise.resolve(seen);
    }
    const lines = write.lines.map<ChannelStockLineResult>((line) => {
      if (this.refusedItems.has(line.channelItemId)) {
        return { status: 'failed', reason: 'refused by the fake channel' };
      }
      const key = stockKey(ctx.storeId, line);
      const after = (this.stock.get(key) ?? 0) + line.delta;
      this.stock.set(key, after);
      return { status: 'applied', channelQuantity: after };
    });
    const result = { lines, cost: write.lines.length };
    this.applied.set(write.idempotencyKey, result);
    if (Math.random() < this.lostAnswerRate) {
      throw new ChannelAdapterException(ChannelErrorCode.TEMPORARY, 'fake channel: applied, but the answer was lost');
    }
    return Promise.resolve(result);
  }

  readStock(ctx: ChannelContext, pairs: ChannelStockPair[]): Promise<number[]> {
    this.enter('readStock', ctx, [pairs]);
    return Promise.resolve(pairs.map((p) => this.quantity(ctx.storeId, p)));
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

const stockKey = (storeId: string, pair: ChannelStockPair): string => `${storeId}|${pair.channelItemId}@${pair.channelLocationId}`;
