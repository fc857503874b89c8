import type { ValidationError } from 'class-validator';
import type { FieldError } from '../errors/domain.exception';

/** class-validator errors as one entry per field, with paths like `lines[0].sku` or `stockSync.windowSeconds`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message: message.replace(/^property (\S+) /, '$1 ') }));
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}
