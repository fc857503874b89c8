import type { Logger } from '@nestjs/common';

/**
 * Runs `tick` every `ms`, never two at once (a slow tick skips the next ones rather than piling up); a failed tick is
 * logged and the next one tries again. `stop` waits for the tick in progress, so shutdown does not cut one off.
 */
export class IntervalPoller {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly what: string,
    private readonly logger: Logger,
  ) {}

  start(ms: number, tick: () => Promise<unknown>): void {
    this.timer = setInterval(() => {
      this.running ??= tick()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn(`${this.what} failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          this.running = undefined;
        });
    }, ms);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
