import { ChannelErrorCode } from '../../channel/channel-error-code.enum';
import type { SyncDecision } from '../../sync-run/sync-failure.policy';
import { pacePush, STOCK_PUSH_PACING } from './stock-push.pacing';

const wait = (delayMs: number): SyncDecision => ({ action: 'wait', delayMs, code: ChannelErrorCode.RATE_LIMITED, reason: 'throttled' });
const retry = (delayMs: number): SyncDecision => ({
  action: 'retry',
  delayMs,
  attempt: 1,
  code: ChannelErrorCode.TEMPORARY,
  reason: '503',
});

describe('pacePush', () => {
  it('waits in place for a short throttle, without counting it as a failure', () => {
    expect(pacePush(wait(200), 0, true)).toEqual({ action: 'sleep', delayMs: 200, counted: false });
  });

  it('puts the push aside when one wait is as long as a slot may be held (Shopify asks for a second at least)', () => {
    expect(pacePush(wait(STOCK_PUSH_PACING.sleepMs), 0, true)).toEqual({
      action: 'defer',
      delayMs: STOCK_PUSH_PACING.sleepMs,
      counted: false,
    });
  });

  it('puts the push aside once short waits add up past the slot budget', () => {
    expect(pacePush(wait(500), STOCK_PUSH_PACING.slotMs - 400, true)).toMatchObject({ action: 'defer', delayMs: 500 });
    expect(pacePush(wait(500), STOCK_PUSH_PACING.slotMs - 500, true)).toMatchObject({ action: 'sleep' });
  });

  it('retries a failed call in place or later, counting it, when a resend cannot apply twice', () => {
    expect(pacePush(retry(400), 0, true)).toEqual({ action: 'sleep', delayMs: 400, counted: true });
    expect(pacePush(retry(4_000), 0, true)).toEqual({ action: 'defer', delayMs: 4_000, counted: true });
    expect(pacePush(retry(600), 600, true)).toEqual({ action: 'defer', delayMs: 600, counted: true });
  });

  it('gives up when a blind resend could apply a change twice, or when the policy failed it', () => {
    expect(pacePush(retry(400), 0, false)).toEqual({ action: 'give-up' });
    expect(pacePush({ action: 'fail', code: ChannelErrorCode.INVALID_DATA, reason: 'bad', markNeedsReauth: false }, 0, true)).toEqual({
      action: 'give-up',
    });
  });

  it('a throttle is waited out even where a blind resend is unsafe: a throttled call applied nothing', () => {
    expect(pacePush(wait(200), 0, false)).toMatchObject({ action: 'sleep' });
  });
});
