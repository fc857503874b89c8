import {
  ChannelAdapterException,
  ChannelErrorCode,
  type ChannelStockLineResult,
  type ChannelStockPair,
  type ChannelStockWrite,
  type ChannelStockWriteResult,
} from '@gantry/core';

/** Where the fake channel keeps its stock: in the adapter's process, or on a fake channel server (fake-channel.server.ts). */
export interface FakeStockBackend {
  write(storeId: string, write: ChannelStockWrite): Promise<ChannelStockWriteResult>;
  read(storeId: string, pairs: ChannelStockPair[]): Promise<number[]>;
}

/** The most lines the fake channel takes in one write. */
export const FAKE_MAX_BATCH = 50;

/** What happened to one write call on the channel. */
export type FakeWriteOutcome = 'applied' | 'replayed' | 'failed-before-applying' | 'applied-answer-lost' | 'refused';

export interface FakeWriteLog {
  storeId: string;
  idempotencyKey: string;
  mode: string;
  lines: number;
  /** True when any line carried a compare-and-set value (the fake channel has no compare-and-set). */
  expectedSet: boolean;
  outcome: FakeWriteOutcome;
}

export type FakeFaultKind = 'before-applying' | 'answer-lost';

/** A write the channel applied whose answer is lost (TEMPORARY to the caller: it cannot tell). */
export class FakeAnswerLost extends ChannelAdapterException {
  constructor() {
    super(ChannelErrorCode.TEMPORARY, 'fake channel: applied, but the answer was lost');
  }
}

/**
 * The fake channel's stock: quantity per (store, item, location), writes remembered by idempotency key (a key seen
 * before is answered again, never applied twice), and fault injection on writes. Both the in-memory adapter and the
 * fake channel server keep their stock in one of these, so they behave alike.
 */
export class FakeStockLedger implements FakeStockBackend {
  /** Quantity per `${storeId}|${item}@${location}`. */
  readonly stock = new Map<string, number>();
  /** Writes applied, by idempotency key: a write seen before is answered again without applying it twice. */
  readonly applied = new Map<string, ChannelStockWriteResult>();
  /** Times each key's lines were applied (never more than once) and times each key was received. */
  readonly applications = new Map<string, number>();
  readonly received = new Map<string, number>();
  /** Channel items the sink refuses (a line-level failure, not a call failure). */
  readonly refusedItems = new Set<string>();
  /** Every write call, in order. */
  readonly log: FakeWriteLog[] = [];
  /** Share of writes that fail as TEMPORARY before anything is applied. */
  failRate = 0;
  /** Share of writes that apply and then fail as if the answer was lost (outcome unknown to the caller). */
  lostAnswerRate = 0;
  /** Faults the next writes meet, before the rates are consulted. */
  readonly scripted: FakeFaultKind[] = [];
  random: () => number = Math.random;

  reset(): void {
    this.stock.clear();
    this.applied.clear();
    this.applications.clear();
    this.received.clear();
    this.refusedItems.clear();
    this.log.length = 0;
    this.failRate = 0;
    this.lostAnswerRate = 0;
    this.scripted.length = 0;
    this.random = Math.random;
  }

  quantity(storeId: string, pair: ChannelStockPair): number {
    return this.stock.get(fakeStockKey(storeId, pair)) ?? 0;
  }

  setQuantity(storeId: string, pair: ChannelStockPair, quantity: number): void {
    this.stock.set(fakeStockKey(storeId, pair), quantity);
  }

  /** Applies a write once per idempotency key; throws ChannelAdapterException for refused writes and injected faults. */
  write(storeId: string, write: ChannelStockWrite): Promise<ChannelStockWriteResult> {
    const key = write.idempotencyKey;
    const entry: FakeWriteLog = {
      storeId,
      idempotencyKey: key,
      mode: write.mode,
      lines: write.lines.length,
      expectedSet: write.lines.some((l) => l.expected !== null && l.expected !== undefined),
      outcome: 'applied',
    };
    this.log.push(entry);
    this.received.set(key, (this.received.get(key) ?? 0) + 1);
    if (write.mode !== 'delta' || write.lines.length > FAKE_MAX_BATCH) {
      entry.outcome = 'refused';
      throw new ChannelAdapterException(
        ChannelErrorCode.INVALID_DATA,
        `the fake channel takes up to ${FAKE_MAX_BATCH} delta lines, got ${write.lines.length} ${write.mode}`,
      );
    }
    const fault = this.scripted.shift() ?? this.drawFault();
    if (fault === 'before-applying') {
      entry.outcome = 'failed-before-applying';
      throw new ChannelAdapterException(ChannelErrorCode.TEMPORARY, 'fake channel: temporarily unavailable, nothing applied');
    }
    let result = this.applied.get(key);
    if (result) {
      entry.outcome = 'replayed';
    } else {
      const lines = write.lines.map<ChannelStockLineResult>((line) => {
        if (this.refusedItems.has(line.channelItemId)) {
          return { status: 'failed', reason: 'refused by the fake channel' };
        }
        const after = this.quantity(storeId, line) + line.delta;
        this.setQuantity(storeId, line, after);
        return { status: 'applied', channelQuantity: after };
      });
      result = { lines, cost: write.lines.length };
      this.applied.set(key, result);
      this.applications.set(key, (this.applications.get(key) ?? 0) + 1);
    }
    if (fault === 'answer-lost') {
      entry.outcome = 'applied-answer-lost';
      throw new FakeAnswerLost();
    }
    return Promise.resolve(result);
  }

  read(storeId: string, pairs: ChannelStockPair[]): Promise<number[]> {
    return Promise.resolve(pairs.map((p) => this.quantity(storeId, p)));
  }

  private drawFault(): FakeFaultKind | null {
    const draw = this.random();
    if (draw < this.failRate) {
      return 'before-applying';
    }
    return draw < this.failRate + this.lostAnswerRate ? 'answer-lost' : null;
  }
}

/** The fake channel's stock on a fake channel server, over HTTP (FAKE_CHANNEL_URL). */
export class RemoteFakeStock implements FakeStockBackend {
  constructor(private readonly baseUrl: string) {}

  write(storeId: string, write: ChannelStockWrite): Promise<ChannelStockWriteResult> {
    return this.call<ChannelStockWriteResult>('/stock/write', { storeId, write });
  }

  async read(storeId: string, pairs: ChannelStockPair[]): Promise<number[]> {
    return (await this.call<{ quantities: number[] }>('/stock/read', { storeId, pairs })).quantities;
  }

  private async call<T>(path: string, body: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      // A reset connection or a timeout: the write may or may not have been applied.
      throw new ChannelAdapterException(
        ChannelErrorCode.TEMPORARY,
        `fake channel unreachable: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const answer = (await res.json().catch(() => ({}))) as { code?: unknown; message?: unknown };
    if (!res.ok) {
      const code = Object.values(ChannelErrorCode).find((c) => c === answer.code) ?? ChannelErrorCode.UNKNOWN;
      throw new ChannelAdapterException(code, typeof answer.message === 'string' ? answer.message : `fake channel answered ${res.status}`);
    }
    return answer as T;
  }
}

export const fakeStockKey = (storeId: string, pair: ChannelStockPair): string =>
  `${storeId}|${pair.channelItemId}@${pair.channelLocationId}`;
