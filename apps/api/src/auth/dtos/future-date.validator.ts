import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { parseIsoDate } from '../api-key-state';

/**
 * class-validator: an ISO 8601 date (`2027-01-31`, midnight UTC) or date-time with its offset (`2027-01-31T18:00:00Z`)
 * that lies in the future. One check with one message for each way it fails, so a field gets one message.
 */
export function IsFutureIsoDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol): void => {
    registerDecorator({
      name: 'isFutureIsoDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: (args: ValidationArguments) =>
          typeof args.value === 'string' && parseIsoDate(args.value)
            ? `${args.property} must be in the future`
            : `${args.property} must be an ISO 8601 date or date-time with its offset, e.g. 2027-01-31 or 2027-01-31T18:00:00Z`,
        ...options,
      },
      validator: {
        validate: (value: unknown): boolean => {
          const at = typeof value === 'string' ? parseIsoDate(value) : null;
          return at !== null && at.getTime() > Date.now();
        },
      },
    });
  };
}
