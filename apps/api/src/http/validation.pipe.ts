import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import {
  DomainException,
  flattenValidationErrors,
  hasJsonBodyShape,
  jsonBodyExpected,
  STRICT_VALIDATION_OPTIONS,
  type JsonBodyShape,
} from '@gantry/core';
import { nulCharacterFields } from './nul-characters';

/** The JSON a route's body parameter takes, from its declared type: a DTO class or a record is an object, `T[]` an array. */
export function expectedBodyShape(metadata: ArgumentMetadata): JsonBodyShape | null {
  const { type, metatype, data } = metadata;
  if (type !== 'body' || data !== undefined || metatype === undefined) {
    return null;
  }
  if (metatype === Array) {
    return 'array';
  }
  return metatype === String || metatype === Number || metatype === Boolean ? null : 'object';
}

/**
 * Strict input: unknown fields, wrong types and missing fields all answer 400 with one entry per field (see
 * flattenValidationErrors); a body that is not the JSON object (or array) the route takes answers one 400 saying so;
 * text with a NUL character (which PostgreSQL cannot store) answers 400 naming its field.
 */
export class ApiValidationPipe extends ValidationPipe {
  constructor() {
    super({
      ...STRICT_VALIDATION_OPTIONS,
      transform: true,
      exceptionFactory: (errors) => {
        const fields = flattenValidationErrors(errors);
        return DomainException.invalid(`The request has ${fields.length} invalid field${fields.length === 1 ? '' : 's'}`, fields);
      },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const shape = expectedBodyShape(metadata);
    if (shape !== null && !hasJsonBodyShape(value, shape)) {
      throw jsonBodyExpected(shape);
    }
    // Checked before the DTO: a NUL would otherwise pass validation and fail in PostgreSQL (text cannot hold one).
    const nul = metadata.type === 'custom' ? [] : nulCharacterFields(value, metadata.data ?? '');
    if (nul.length > 0) {
      throw DomainException.invalid(`The request has ${nul.length} invalid field${nul.length === 1 ? '' : 's'}`, nul);
    }
    return super.transform(value, metadata);
  }
}
