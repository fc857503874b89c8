import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { DomainException } from '@gantry/core';
import { IsInt, IsString, Max } from 'class-validator';
import { NonJsonBody } from './non-json-body.middleware';
import { ApiValidationPipe, expectedBodyShape } from './validation.pipe';

class MovementBody {
  @IsString()
  sku!: string;

  @Max(10)
  @IsInt()
  quantity!: number;
}

const body = (metatype: ArgumentMetadata['metatype'], data?: string): ArgumentMetadata => ({ type: 'body', metatype, data });

async function failure(run: () => Promise<unknown>): Promise<DomainException> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DomainException) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a DomainException');
}

describe('expectedBodyShape', () => {
  it('takes an object for a DTO class or a record, an array for T[], nothing for a scalar, a field or a query', () => {
    expect(expectedBodyShape(body(MovementBody))).toBe('object');
    expect(expectedBodyShape(body(Object))).toBe('object');
    expect(expectedBodyShape(body(Array))).toBe('array');
    expect(expectedBodyShape(body(String))).toBeNull();
    expect(expectedBodyShape(body(MovementBody, 'sku'))).toBeNull();
    expect(expectedBodyShape({ type: 'query', metatype: MovementBody })).toBeNull();
  });
});

describe('ApiValidationPipe', () => {
  const pipe = new ApiValidationPipe();

  it('answers a body that is not the JSON the route takes with one message, never field errors', async () => {
    for (const value of [[{ sku: 'A', quantity: 1 }], 5, 'text', null, new NonJsonBody('application/x-www-form-urlencoded')]) {
      const error = await failure(() => pipe.transform(value, body(MovementBody)));
      expect(error.message).toBe('Send a JSON object (Content-Type: application/json)');
      expect(error.errors).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
    }
    expect((await failure(() => pipe.transform({ a: 1 }, body(Array)))).message).toBe('Send a JSON array (Content-Type: application/json)');
    expect((await failure(() => pipe.transform(undefined, body(Array)))).message).toBe(
      'Send a JSON array (Content-Type: application/json)',
    );
    expect((await failure(() => pipe.transform([1], body(Object)))).message).toBe('Send a JSON object (Content-Type: application/json)');
  });

  it('passes records and arrays through unvalidated, and validates DTOs one entry per field', async () => {
    await expect(pipe.transform({ any: 1 }, body(Object))).resolves.toEqual({ any: 1 });
    await expect(pipe.transform([1], body(Array))).resolves.toEqual([1]);
    const invalid = await failure(() => pipe.transform(undefined, body(MovementBody)));
    expect(invalid.errors).toEqual(
      expect.arrayContaining([
        { field: 'sku', message: 'sku is required' },
        { field: 'quantity', message: 'quantity is required' },
      ]),
    );
    expect(invalid.errors).toHaveLength(2);
    expect((await failure(() => pipe.transform({ sku: 'A', quantity: '5' }, body(MovementBody)))).errors).toEqual([
      { field: 'quantity', message: 'quantity must be an integer number' },
    ]);
  });

  it('answers text with a NUL character (PostgreSQL cannot store one) with 400 naming the field, in a body, a query and a path', async () => {
    const nul = await failure(() => pipe.transform({ sku: 'A\u0000', quantity: 1 }, body(MovementBody)));
    expect(nul.errors).toEqual([{ field: 'sku', message: 'sku must not contain NUL characters' }]);
    const nested = await failure(() => pipe.transform([{ lines: [{ sku: '\u0000' }] }], body(Array)));
    expect(nested.errors).toEqual([{ field: '[0].lines[0].sku', message: '[0].lines[0].sku must not contain NUL characters' }]);
    const query = await failure(() => pipe.transform({ sku: '%', barcode: 'a\u0000b' }, { type: 'query', metatype: Object }));
    expect(query.errors).toEqual([{ field: 'barcode', message: 'barcode must not contain NUL characters' }]);
    const param = await failure(() => pipe.transform('\u0000', { type: 'param', metatype: String, data: 'key' }));
    expect(param.errors).toEqual([{ field: 'key', message: 'key must not contain NUL characters' }]);
  });
});
