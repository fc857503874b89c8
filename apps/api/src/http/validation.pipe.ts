import { ValidationPipe } from '@nestjs/common';
import { DomainException, flattenValidationErrors } from '@gantry/core';

/** Strict input: unknown fields, wrong types and missing fields all answer 400 with one entry per field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = flattenValidationErrors(errors);
      return DomainException.invalid(`The request has ${fields.length} invalid field${fields.length === 1 ? '' : 's'}`, fields);
    },
  });
}
