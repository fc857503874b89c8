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
  type ChannelStockPair,
  type ChannelStockWrite,
  type ChannelStockWriteResult,
  type StockSink,
  type StockSinkTraits,
} from '@gantry/core';
import { FakeChannelSettings } from './fake-channel.settings';
import { FAKE_MAX_BATCH, FakeStockLedger, RemoteFakeStock, type FakeStockBackend } from './fake-channel.stock';

export interface FakeCall {
  method: 'fetchCatalog' | 'pushStock' | 'readStock';
  storeId: string;
  credentials: unknown;
  settings: unknown;
  args: unknown[];
}

const PAGE_SIZE = 2;

/**
 * A channel whose stock lives in memory (`ledger`) or, when `FAKE_CHANNEL_URL` is set, on a fake channel server
 * (fake-channel.server.ts), so that it outlives a worker process killed by a test. It records every call, keeps stock
 * per (store, item, location) and fails on demand. Its stock sink differs from Shopify's on purpose (batches of 50,
 * delta writes only, no compare-and-set), so the engine is shown to be channel-neutral. Tests register it through the
 * real CHANNEL_ADAPTERS token (channelAdapterProviders), as the Shopify module registers its adapter.
 */
@Injectable()
export class FakeChannelAdapter implements ChannelAdapter<FakeChannelSettings>, CatalogSource, StockSink {
  readonly key: string = 'fake';
  readonly name: string = 'Fake channel';
  readonly capabilities: readonly ChannelCapability[] = ['catalog-source', 'stock-sink'];
  readonly settingsClass = FakeChannelSettings;
  readonly stockTraits: StockSinkTraits = { maxBatch: FAKE_MAX_BATCH, modes: ['delta'], compareAndSet: false, idempotencyKeys: true };

  readonly calls: FakeCall[] = [];
  catalog: ChannelCatalogItem[] = [];
  /** The in-memory stock (used unless FAKE_CHANNEL_URL names a fake channel server). */
  readonly ledger = new FakeStockLedger();
  private readonly backend: FakeStockBackend = process.env.FAKE_CHANNEL_URL
    ? new RemoteFakeStock(process.env.FAKE_CHANNEL_URL)
    : this.ledger;
  private failures: { code: ChannelErrorCode; retryAfterMs?: number }[] = [];
  /** Stores whose stock writes are throttled (RATE_LIMITED with this Retry-After) until unthrottled. */
  private readonly throttled = new Map<string, number>();

  /** Channel items the sink refuses (a line-level failure, not a call failure). */
  get refusedItems(): Set<string> {
    return this.ledger.refusedItems;
  }

  /** Quantity per `${storeId}|${item}@${location}`. */
  get stock(): Map<string, number> {
    return this.ledger.stock;
  }

  /** Writes applied, by idempotency key: a write seen before is answered again without applying it twice. */
  get applied(): Map<string, ChannelStockWriteResult> {
    return this.ledger.applied;
  }

  /** Share of writes that apply and then fail as if the answer was lost (outcome unknown). */
  get lostAnswerRate(): number {
    return this.ledger.lostAnswerRate;
  }

  set lostAnswerRate(rate: number) {
    this.ledger.lostAnswerRate = rate;
  }

  defaultSettings(): FakeChannelSettings {
    return new FakeChannelSettings();
  }

  /** The next `times` calls throw ChannelAdapterException(code). */
  failNext(code: ChannelErrorCode, times = 1, retryAfterMs?: number): void {
    for (let i = 0; i < times; i++) {
      this.failures.push(retryAfterMs === undefined ? { code } : { code, retryAfterMs });
    }
  }

  /** Every stock write of the store answers RATE_LIMITED with `retryAfterMs` (null lifts it): a shop out of budget. */
  throttle(storeId: string, retryAfterMs: number | null): void {
    if (retryAfterMs === null) {
      this.throttled.delete(storeId);
    } else {
      this.throttled.set(storeId, retryAfterMs);
    }
  }

  reset(): void {
    this.throttled.clear();
    this.calls.length = 0;
    this.catalog = [];
    this.ledger.reset();
    this.failures = [];
  }

  quantity(storeId: string, pair: ChannelStockPair): number {
    return this.ledger.quantity(storeId, pair);
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
    const retryAfterMs = this.throttled.get(ctx.storeId);
    if (retryAfterMs !== undefined) {
      return Promise.reject(
        new ChannelAdapterException(ChannelErrorCode.RATE_LIMITED, `fake channel throttled store ${ctx.storeId}`, { retryAfterMs }),
      );
    }
    return this.backend.write(ctx.storeId, write);
  }

  readStock(ctx: ChannelContext, pairs: ChannelStockPair[]): Promise<number[]> {
    this.enter('readStock', ctx, [pairs]);
    return this.backend.read(ctx.storeId, pairs);
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
