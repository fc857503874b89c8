import { ChannelErrorCode } from './channel-error-code.enum';

/** The one error type that crosses the adapter boundary: adapters throw only this. */
export class ChannelAdapterException extends Error {
  readonly retryAfterMs?: number;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly code: ChannelErrorCode,
    message: string,
    options: { retryAfterMs?: number; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ChannelAdapterException';
    if (options.retryAfterMs !== undefined) {
      this.retryAfterMs = options.retryAfterMs;
    }
    if (options.details !== undefined) {
      this.details = options.details;
    }
  }
}
