import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { DomainException, type FieldError } from '@gantry/core';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message: message.replace(/^property (\S+) /, '$1 ') }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Strict input: unknown fields, wrong types and missing fields all answer 400 with one entry per field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return DomainException.invalid(`The request has ${fields.length} invalid field${fields.length === 1 ? '' : 's'}`, fields);
    },
  });
}
