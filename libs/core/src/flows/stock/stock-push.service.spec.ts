import { ChannelAdapterException } from '../../channel/channel-adapter.exception';
import type { ChannelAdapter, ChannelStockWrite, StockSink } from '../../channel/channel-adapter.interface';
import { ChannelErrorCode } from '../../channel/channel-error-code.enum';
import type { StoreConnectionService } from '../../store/store-connection.service';
import type { StoreService } from '../../store/store.service';
import { SyncFailurePolicy } from '../../sync-run/sync-failure.policy';
import type { StockFlushReadiness } from './stock-flush.readiness';
import type { PushLine } from './stock-push.lines';
import { STOCK_PUSH_PACING } from './stock-push.pacing';
import type { StockPushRepository, PushRow } from './stock-push.repository';
import type { StockPushRunRecorder } from './stock-push-run.recorder';
import { StockPushCaller } from './stock-push.caller';
import { StockPushService } from './stock-push.service';

const MAX_BATCH = 2;
// Each write takes this long on the (fake) clock: the slice is over after STOCK_PUSH_PACING.sliceMs of them.
const WRITE_MS = 1_000;

/**
 * The flush loop's fairness, with the engine's SQL and the channel replaced by in-memory stand-ins and time by a fake
 * clock: a flush hands its slot over after a slice when other stores wait, and puts a throttled push aside at once.
 */
describe('StockPushService flush: fair to other stores', () => {
  let due: number;
  let claimed: PushRow[];
  let deferred: { pushId: string; delayMs: number }[];
  let throttleMs: number | null;

  const line = (n: number): PushLine => ({
    sku: `S${n}`,
    channelItemId: `item-${n}`,
    channelLocationId: 'loc',
    warehouseId: 'w',
    productId: `p${n}`,
    fromVersion: '0',
    toVersion: '1',
    quantity: 1,
    expected: null,
    channelBefore: 0,
    generation: 0,
    delta: 1,
  });

  const sink: ChannelAdapter & StockSink = {
    key: 'fake',
    name: 'Fake',
    capabilities: ['stock-sink'],
    settingsClass: Object,
    defaultSettings: () => ({}),
    stockTraits: { maxBatch: MAX_BATCH, modes: ['delta'], compareAndSet: false, idempotencyKeys: true },
    pushStock: (_ctx: unknown, write: ChannelStockWrite) => {
      jest.setSystemTime(Date.now() + WRITE_MS);
      if (throttleMs !== null) {
        return Promise.reject(new ChannelAdapterException(ChannelErrorCode.RATE_LIMITED, 'throttled', { retryAfterMs: throttleMs }));
      }
      return Promise.resolve({ lines: write.lines.map(() => ({ status: 'applied' as const, channelQuantity: 1 })) });
    },
    readStock: () => Promise.resolve([]),
  } as unknown as ChannelAdapter & StockSink;

  const service = (): StockPushService => {
    const stores = {
      get: () => Promise.resolve({ status: 'connected' }),
      resolve: () =>
        Promise.resolve({
          adapter: sink,
          store: { connectedAt: new Date() },
          context: {
            storeId: 'store-1',
            externalAccountId: 'acct',
            credentials: {},
            settings: { stockSync: { enabled: true, mode: 'delta', windowSeconds: 30 } },
            logger: console,
          },
        }),
    } as unknown as StoreService;
    const repository = {
      heldUntil: () => Promise.resolve(null),
      lastPushId: () => Promise.resolve('0'),
      pendingPush: () => Promise.resolve(null),
      claim: () => {
        if (due === 0) {
          return Promise.resolve(null);
        }
        const n = Math.min(MAX_BATCH, due);
        due -= n;
        const push: PushRow = {
          id: String(claimed.length + 1),
          mode: 'delta',
          idempotency_key: `k${claimed.length + 1}`,
          lines: Array.from({ length: n }, (_, i) => line(claimed.length * MAX_BATCH + i)),
          failures: 0,
        };
        claimed.push(push);
        return Promise.resolve(push);
      },
      settle: () => Promise.resolve(),
      defer: (pushId: string, delayMs: number) => {
        deferred.push({ pushId, delayMs });
        return Promise.resolve();
      },
    } as unknown as StockPushRepository;
    const readiness = {
      lifecyclePending: () => Promise.resolve(false),
      dueCount: (_store: string, limit: number) => Promise.resolve(Math.min(due, limit)),
      isReady: () => Promise.resolve(due > 0),
    } as unknown as StockFlushReadiness;
    const runs = {
      record: () => Promise.resolve(),
      recordDeferred: () => Promise.resolve(),
      recordFailure: () => Promise.resolve(),
    } as unknown as StockPushRunRecorder;
    // No refusal here: the connection side is never reached.
    return new StockPushService(
      stores,
      {} as StoreConnectionService,
      repository,
      runs,
      readiness,
      new StockPushCaller(repository, runs, new SyncFailurePolicy()),
    );
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000, doNotFake: ['nextTick', 'setImmediate'] });
    claimed = [];
    deferred = [];
    throttleMs = null;
  });
  afterEach(() => jest.useRealTimers());

  it('pushes a whole backlog while no other store waits', async () => {
    due = 40 * MAX_BATCH;
    const outcome = await service().flush('store-1', { othersWaiting: () => Promise.resolve(false) });
    expect(outcome.pushes).toBe(40);
    expect(due).toBe(0);
  });

  it('hands the slot over after a slice of work when other stores wait; the rest stays due', async () => {
    due = 40 * MAX_BATCH;
    const outcome = await service().flush('store-1', { othersWaiting: () => Promise.resolve(true) });
    // Six lanes write at once; the slice ends once STOCK_PUSH_PACING.sliceMs of writes have passed on the clock.
    expect(outcome.pushes).toBeGreaterThan(0);
    expect(outcome.pushes).toBeLessThanOrEqual(Math.ceil(STOCK_PUSH_PACING.sliceMs / WRITE_MS) + 6);
    expect(due).toBeGreaterThan(0);
    expect(outcome.pushes + due / MAX_BATCH).toBe(40);
  });

  it('puts a push aside at once when the channel asks for a wait of a second or more, and claims nothing more', async () => {
    due = 40 * MAX_BATCH;
    throttleMs = 5_000;
    const outcome = await service().flush('store-1', { othersWaiting: () => Promise.resolve(false) });
    expect(outcome.pushes).toBe(0);
    expect(deferred.length).toBeGreaterThan(0);
    expect(deferred.every((d) => d.delayMs === 5_000)).toBe(true);
    // Only the pushes already claimed by the lanes when the first throttle came back; the rest stays due.
    expect(claimed.length).toBe(deferred.length);
    expect(claimed.length).toBeLessThanOrEqual(6);
    // The store waits until the last push put aside may go (the clock stood still since).
    expect(outcome.deferredUntil?.getTime()).toBe(Date.now() + 5_000);
  });
});
