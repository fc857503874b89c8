import { ChannelAdapterException } from '../channel/channel-adapter.exception';
import { ChannelErrorCode } from '../channel/channel-error-code.enum';
import { SyncFailurePolicy } from './sync-failure.policy';

const err = (code: ChannelErrorCode, retryAfterMs?: number): ChannelAdapterException =>
  new ChannelAdapterException(code, `boom ${code}`, retryAfterMs === undefined ? {} : { retryAfterMs });

describe('SyncFailurePolicy', () => {
  const policy = (random = 0.5): SyncFailurePolicy =>
    new SyncFailurePolicy({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 500 }, () => random);

  it('retries TEMPORARY with exponential backoff, capped, between half and all of the step', () => {
    const low = policy(0);
    const high = policy(1);
    expect([1, 2, 3].map((n) => low.decide(err(ChannelErrorCode.TEMPORARY), n))).toEqual([
      expect.objectContaining({ action: 'retry', delayMs: 50, attempt: 1 }),
      expect.objectContaining({ action: 'retry', delayMs: 100, attempt: 2 }),
      expect.objectContaining({ action: 'retry', delayMs: 200, attempt: 3 }),
    ]);
    expect([1, 2, 3].map((n) => high.decide(err(ChannelErrorCode.TEMPORARY), n))).toEqual([
      expect.objectContaining({ delayMs: 100 }),
      expect.objectContaining({ delayMs: 200 }),
      expect.objectContaining({ delayMs: 400 }),
    ]);
    const capped = new SyncFailurePolicy({ maxAttempts: 20, baseDelayMs: 100, maxDelayMs: 500 }, () => 1);
    expect(capped.decide(err(ChannelErrorCode.TEMPORARY), 10)).toMatchObject({ action: 'retry', delayMs: 500 });
  });

  it('fails once the attempts are exhausted', () => {
    expect(policy().decide(err(ChannelErrorCode.TEMPORARY), 4)).toEqual({
      action: 'fail',
      code: ChannelErrorCode.TEMPORARY,
      reason: 'boom TEMPORARY (gave up after 4 attempts)',
      markNeedsReauth: false,
    });
  });

  it('treats errors that are not ChannelAdapterException as UNKNOWN, retried then failed', () => {
    expect(policy().decide(new TypeError('x is undefined'), 1)).toMatchObject({
      action: 'retry',
      code: ChannelErrorCode.UNKNOWN,
      reason: 'x is undefined',
    });
    expect(policy().decide('weird', 4)).toMatchObject({ action: 'fail', code: ChannelErrorCode.UNKNOWN });
  });

  it('waits on RATE_LIMITED for the channel-given time, whatever the attempt count', () => {
    expect(policy().decide(err(ChannelErrorCode.RATE_LIMITED, 2_500), 99)).toEqual({
      action: 'wait',
      delayMs: 2_500,
      code: ChannelErrorCode.RATE_LIMITED,
      reason: 'boom RATE_LIMITED',
    });
    expect(policy().decide(err(ChannelErrorCode.RATE_LIMITED), 1)).toMatchObject({ action: 'wait', delayMs: 1_000 });
  });

  it('fails at once on INVALID_DATA and NOT_FOUND, and asks for re-auth on AUTH_REVOKED', () => {
    expect(policy().decide(err(ChannelErrorCode.INVALID_DATA), 1)).toMatchObject({ action: 'fail', markNeedsReauth: false });
    expect(policy().decide(err(ChannelErrorCode.NOT_FOUND), 1)).toMatchObject({ action: 'fail', markNeedsReauth: false });
    expect(policy().decide(err(ChannelErrorCode.AUTH_REVOKED), 1)).toEqual({
      action: 'fail',
      code: ChannelErrorCode.AUTH_REVOKED,
      reason: 'boom AUTH_REVOKED',
      markNeedsReauth: true,
    });
  });
});

describe('SyncFailurePolicy defaults', () => {
  it('gives a failing call minutes, not seconds, before it is failed for good', () => {
    const shortest = new SyncFailurePolicy({}, () => 0);
    const waits: number[] = [];
    for (let attempt = 1; ; attempt++) {
      const decision = shortest.decide(err(ChannelErrorCode.TEMPORARY), attempt);
      if (decision.action !== 'retry') {
        expect(decision.action).toBe('fail');
        break;
      }
      waits.push(decision.delayMs);
    }
    expect(waits).toHaveLength(9);
    // Even with the shortest jitter, the retries wait 90 s in all before giving up.
    expect(waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(90_000);
  });
});

describe('FailedCallCounter', () => {
  const policy = new SyncFailurePolicy({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 500 }, () => 0.5);

  it('counts nothing when every call succeeded', () => {
    expect(policy.counter().counts()).toEqual({});
  });

  it('decides each failed call as the policy does and counts it, throttled ones apart', () => {
    const counter = policy.counter();
    expect(counter.decide(err(ChannelErrorCode.TEMPORARY), 1)).toEqual(policy.decide(err(ChannelErrorCode.TEMPORARY), 1));
    expect(counter.decide(err(ChannelErrorCode.RATE_LIMITED, 2_000), 1)).toMatchObject({ action: 'wait', delayMs: 2_000 });
    expect(counter.decide(err(ChannelErrorCode.INVALID_DATA), 1)).toMatchObject({ action: 'fail' });
    expect(counter.counts()).toEqual({ failedCalls: 3, throttledCalls: 1 });
  });

  it('does not count failures that are no channel call (a warehouse refusal, a bug, a wait our own pacing asked for)', () => {
    const counter = policy.counter();
    expect(counter.decide(new TypeError('x is undefined'), 1)).toMatchObject({ action: 'retry' });
    const paced = new ChannelAdapterException(ChannelErrorCode.RATE_LIMITED, 'needs 1500 ms', {
      retryAfterMs: 1500,
      details: { pacedLocally: true },
    });
    expect(counter.decide(paced, 1)).toMatchObject({ action: 'wait', delayMs: 1500 });
    expect(counter.counts()).toEqual({});
  });
});
