import { DomainException } from '../errors/domain.exception';
import { isPlainObject } from './settings.util';

/** What a route takes as its body: a JSON object (most) or a JSON array (e.g. a store's location mappings). */
export type JsonBodyShape = 'object' | 'array';

/**
 * Whether a parsed body has the shape a route takes. `undefined` (nothing sent) counts as an empty object, so an
 * empty request names each missing field; it is never an array.
 */
export function hasJsonBodyShape(body: unknown, shape: JsonBodyShape): boolean {
  if (shape === 'array') {
    return Array.isArray(body);
  }
  return body === undefined || isPlainObject(body);
}

/**
 * The one 400 for a body that is not the JSON a route takes (a form, text, a scalar, an array for an object): a single
 * `body` entry, never the route's field errors.
 */
export function jsonBodyExpected(shape: JsonBodyShape): DomainException {
  return DomainException.invalid(`Send a JSON ${shape} (Content-Type: application/json)`, [
    { field: 'body', message: `must be a JSON ${shape}` },
  ]);
}
