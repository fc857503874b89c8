import type { FieldError } from '@gantry/core';

/** Deeper than any body the API takes; past it the JSON is refused by its shape anyway. */
const MAX_DEPTH = 64;

/**
 * The fields whose text holds a NUL character (U+0000), in the paths the validation errors use (`lines[0].sku`).
 * PostgreSQL text and jsonb cannot hold one, so such a value would fail in the database instead of answering 400.
 */
export function nulCharacterFields(value: unknown, path = '', depth = 0): FieldError[] {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? [{ field: path || 'value', message: `${path || 'value'} must not contain NUL characters` }] : [];
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) {
    return [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => nulCharacterFields(item, `${path}[${i}]`, depth + 1));
  }
  return Object.entries(value).flatMap(([key, item]) => {
    const field = path ? `${path}.${key}` : key;
    if (!key.includes('\u0000')) {
      return nulCharacterFields(item, field, depth + 1);
    }
    const shown = field.split('\u0000').join('\\0');
    return [{ field: shown, message: `${shown} must not contain NUL characters` }];
  });
}
