import { SandboxGraphqlError } from './sandbox-graphql.error';

export const MAX_INPUT_ARRAY = 250;

/** "Input arguments that accept an array have a maximum size of 250" — checked on every root field. */
export class InputSizeGuard {
  static check(value: unknown): void {
    if (Array.isArray(value)) {
      if (value.length > MAX_INPUT_ARRAY) {
        throw new SandboxGraphqlError(
          `The input array size of ${value.length} is greater than the maximum allowed of ${MAX_INPUT_ARRAY}.`,
          'MAX_INPUT_SIZE_EXCEEDED',
        );
      }
      for (const v of value) {
        InputSizeGuard.check(v);
      }
    } else if (value !== null && typeof value === 'object') {
      // for…in instead of Object.values: no array per object on 250-line inputs.
      const record = value as Record<string, unknown>;
      for (const key in record) {
        InputSizeGuard.check(record[key]);
      }
    }
  }
}
