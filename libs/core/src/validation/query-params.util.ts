import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/**
 * The query parameters list routes share, one definition each: the documentation and the validation of `limit`,
 * `offset` and `storeId` were written out again in every list's query DTO.
 */

/** `limit`: a whole number from 1 to `max` (query strings arrive as text), `default` when absent. */
export function LimitParam(options: { max: number; default: number; description?: string }): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      type: 'integer',
      default: options.default,
      minimum: 1,
      maximum: options.max,
      description: options.description ?? 'At most this many, newest first',
    }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(options.max),
  );
}

/** `offset`: how many to skip, a whole number from 0 (bounded, so a huge number is a 400 and not a slow scan). */
export function OffsetParam(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0, maximum: 2_000_000_000, description: 'Skip this many' }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
    Max(2_000_000_000),
  );
}

/** `storeId`: only what belongs to this store (a UUID). */
export function StoreIdParam(description: string): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ format: 'uuid', description }), IsOptional(), IsUUID());
}
