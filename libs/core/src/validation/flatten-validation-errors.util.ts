import type { ValidationError, ValidatorOptions } from 'class-validator';
import type { FieldError } from '../errors/domain.exception';

/**
 * How input is validated everywhere (request bodies and queries, settings, items of array bodies): unknown fields
 * refused, and the value kept on each error, which `flattenValidationErrors` needs to tell a missing field from a wrong
 * one (it never reaches a response).
 */
export const STRICT_VALIDATION_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  validationError: { target: false, value: true },
} as const satisfies ValidatorOptions;

// What a value is. When one of these fails, the value's limits, format and own fields say nothing useful: only the
// first of them (in this order) is reported.
const TYPE_CHECKS = [
  'isArray',
  'isObject',
  'nestedValidation',
  'isString',
  'isBoolean',
  'isInt',
  'isNumber',
  'isDate',
  'isNumberString',
  'isBooleanString',
] as const;

// Limits of a value of the right type: reported only when nothing else is wrong with it.
const LIMITS = new Set([
  'min',
  'max',
  'minLength',
  'maxLength',
  'length',
  'arrayMinSize',
  'arrayMaxSize',
  'arrayNotEmpty',
  'arrayUnique',
  'minDate',
  'maxDate',
  'isPositive',
  'isNegative',
]);

const isIndex = (property: string): boolean => /^\d+$/.test(property);

/**
 * class-validator errors as one entry per field, with the paths of the request body (`lines[0].sku`,
 * `stockSync.windowSeconds`, `[2].warehouseId` for an array body):
 * - a required field that is absent (or null) is "`sku` is required", and nothing else;
 * - a value of the wrong type gets its type's message only: no range, length or format message, nothing about its fields;
 * - otherwise the first failed check (format before limits) of each field.
 * Needs the errors' values (`STRICT_VALIDATION_OPTIONS`).
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e): FieldError[] => {
    const field = isIndex(e.property) ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
    const children = (): FieldError[] => flattenValidationErrors(e.children ?? [], field);
    const failed = Object.keys(e.constraints ?? {});
    if (failed.length === 0) {
      return children();
    }
    // The name a message starts with: the property, or the path for an item of an array.
    const name = isIndex(e.property) ? field : e.property;
    if (failed.includes('whitelistValidation')) {
      return [{ field, message: `${name} is not a known field` }];
    }
    if (!isIndex(e.property) && (e.value === undefined || e.value === null)) {
      return [{ field, message: `${name} is required` }];
    }
    const typeCheck = TYPE_CHECKS.find((check) => failed.includes(check));
    if (typeCheck) {
      return [{ field, message: messageOf(e, typeCheck, name) }];
    }
    // Decorators register bottom-up, so the constraints come last-written first: the first written is the last here.
    const written = [...failed].reverse();
    const check = written.find((c) => !LIMITS.has(c)) ?? written[0];
    return [{ field, message: messageOf(e, check, name) }, ...children()];
  });
}

function messageOf(e: ValidationError, check: string, name: string): string {
  if (check === 'nestedValidation') {
    return `${name} must be an object`;
  }
  const message = e.constraints?.[check] ?? `${name} is invalid`;
  return message.replace(/^property (\S+) /, '$1 ');
}
