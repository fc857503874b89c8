import type { Logger } from '@nestjs/common';
import { IntervalPoller } from './interval-poller';

describe('IntervalPoller', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const logger = (): { warn: jest.Mock; log: jest.Mock } => ({ warn: jest.fn(), log: jest.fn() });

  it('during an outage warns once, then once per 30 s with the count, and says when it works again', async () => {
    const log = logger();
    let down = true;
    const poller = new IntervalPoller('stock flush poll', log as unknown as Logger);
    poller.start(250, () => (down ? Promise.reject(new Error('connection refused')) : Promise.resolve()));
    await jest.advanceTimersByTimeAsync(10_000);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenLastCalledWith('stock flush poll failed: connection refused');
    await jest.advanceTimersByTimeAsync(25_000);
    expect(log.warn).toHaveBeenCalledTimes(2);
    expect(log.warn).toHaveBeenLastCalledWith('stock flush poll failed (121 tries so far): connection refused');
    down = false;
    await jest.advanceTimersByTimeAsync(250);
    expect(log.log).toHaveBeenCalledWith('stock flush poll works again after 140 failed tries');
    await poller.stop();
  });

  it('never runs two ticks at once: a slow tick skips the ones it overlaps', async () => {
    let running = 0;
    let most = 0;
    let ticks = 0;
    const poller = new IntervalPoller('slow', logger() as unknown as Logger);
    poller.start(100, async () => {
      ticks += 1;
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 350));
      running -= 1;
    });
    await jest.advanceTimersByTimeAsync(2_000);
    expect(most).toBe(1);
    expect(ticks).toBeLessThanOrEqual(5);
    // stop() waits for the tick in progress.
    const stopped = poller.stop();
    await jest.advanceTimersByTimeAsync(400);
    await stopped;
    expect(running).toBe(0);
  });
});
