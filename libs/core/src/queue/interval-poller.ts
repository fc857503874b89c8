import type { Logger } from '@nestjs/common';

// While a tick keeps failing (PostgreSQL or Redis away), repeat the warning at most this often.
const REPEAT_WARNING_MS = 30_000;

/**
 * Runs `tick` every `ms`, never two at once (a slow tick skips the next ones rather than piling up); a failed tick is
 * logged and the next one tries again. An outage makes every tick fail: the first failure is logged, then one line
 * per 30 s with the count, and the recovery, instead of a warning per tick (dozens a second over a worker's pollers).
 * `stop` waits for the tick in progress, so shutdown does not cut one off.
 */
export class IntervalPoller {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private failures = 0;
  private lastWarnedAt = 0;

  constructor(
    private readonly what: string,
    private readonly logger: Logger,
  ) {}

  start(ms: number, tick: () => Promise<unknown>): void {
    this.timer = setInterval(() => {
      this.running ??= tick()
        .then(
          () => this.succeeded(),
          (error: unknown) => this.failed(error),
        )
        .finally(() => {
          this.running = undefined;
        });
    }, ms);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private succeeded(): void {
    if (this.failures > 0) {
      this.logger.log(`${this.what} works again after ${this.failures} failed ${this.failures === 1 ? 'try' : 'tries'}`);
      this.failures = 0;
    }
  }

  private failed(error: unknown): void {
    this.failures += 1;
    const now = Date.now();
    if (this.failures === 1 || now - this.lastWarnedAt >= REPEAT_WARNING_MS) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(`${this.what} failed${this.failures > 1 ? ` (${this.failures} tries so far)` : ''}: ${message}`);
      this.lastWarnedAt = now;
    }
  }
}
