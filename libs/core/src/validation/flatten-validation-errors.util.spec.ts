import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  NotEquals,
  ValidateIf,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { flattenValidationErrors, STRICT_VALIDATION_OPTIONS } from './flatten-validation-errors.util';

class Line {
  @IsString()
  @IsNotEmpty()
  @MaxLength(10)
  sku!: string;

  // Limits written before the type check: the type check still decides.
  @Max(1000)
  @Min(1)
  @IsInt()
  quantity!: number;
}

class Window {
  @IsInt()
  @Min(1)
  seconds = 60;
}

class Body {
  @IsIn(['a', 'b'])
  kind!: string;

  @IsInt()
  @NotEquals(0)
  @Min(-1_000_000)
  @Max(1_000_000)
  quantity!: number;

  @IsOptional()
  @IsString()
  @MaxLength(5)
  note?: string;

  @ValidateIf((b: Body) => b.kind === 'b' || b.target !== undefined)
  @IsUUID()
  target?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Z]+$/)
  @MaxLength(3)
  code?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => Line)
  lines!: Line[];

  @IsOptional()
  @ValidateNested()
  @Type(() => Window)
  window?: Window;
}

const valid = { kind: 'a', quantity: 5, lines: [{ sku: 'A', quantity: 1 }] };
const errorsOf = (plain: Record<string, unknown>, parent?: string): { field: string; message: string }[] =>
  flattenValidationErrors(validateSync(plainToInstance(Body, plain), STRICT_VALIDATION_OPTIONS), parent);

describe('flattenValidationErrors', () => {
  it('reports nothing for a valid body', () => {
    expect(errorsOf(valid)).toEqual([]);
  });

  it('names each missing required field once, and nothing about absent optional fields', () => {
    expect(errorsOf({})).toEqual(
      expect.arrayContaining([
        { field: 'kind', message: 'kind is required' },
        { field: 'quantity', message: 'quantity is required' },
        { field: 'lines', message: 'lines is required' },
      ]),
    );
    expect(errorsOf({})).toHaveLength(3);
    expect(errorsOf({ ...valid, quantity: null })).toEqual([{ field: 'quantity', message: 'quantity is required' }]);
  });

  it('reports a conditionally required field only when its condition holds', () => {
    expect(errorsOf({ ...valid, kind: 'b' })).toEqual([{ field: 'target', message: 'target is required' }]);
    expect(errorsOf({ ...valid, kind: 'b', target: 'nope' })).toEqual([{ field: 'target', message: 'target must be a UUID' }]);
  });

  it('gives a value of the wrong type its type message only, whatever the order of the decorators', () => {
    expect(errorsOf({ ...valid, quantity: '5' })).toEqual([{ field: 'quantity', message: 'quantity must be an integer number' }]);
    expect(errorsOf({ ...valid, note: 123456 })).toEqual([{ field: 'note', message: 'note must be a string' }]);
    expect(errorsOf({ ...valid, lines: [{ sku: 'A', quantity: 'x' }] })).toEqual([
      { field: 'lines[0].quantity', message: 'quantity must be an integer number' },
    ]);
  });

  it('says nothing about the fields or items of a value of the wrong type', () => {
    expect(errorsOf({ ...valid, lines: { sku: 5, extra: 1 } })).toEqual([{ field: 'lines', message: 'lines must be an array' }]);
    expect(errorsOf({ ...valid, lines: 'A' })).toEqual([{ field: 'lines', message: 'lines must be an array' }]);
    expect(errorsOf({ ...valid, window: 5 })).toEqual([{ field: 'window', message: 'window must be an object' }]);
  });

  it('reports limits of a value of the right type, one per field, format before limits', () => {
    expect(errorsOf({ ...valid, quantity: 2_000_000 })).toEqual([
      { field: 'quantity', message: 'quantity must not be greater than 1000000' },
    ]);
    expect(errorsOf({ ...valid, quantity: 0 })).toEqual([{ field: 'quantity', message: 'quantity should not be equal to 0' }]);
    expect(errorsOf({ ...valid, code: 'abcdef' })).toEqual([{ field: 'code', message: expect.stringContaining('must match') }]);
    expect(errorsOf({ ...valid, lines: [] })).toEqual([{ field: 'lines', message: 'lines must contain at least 1 elements' }]);
  });

  it('uses the paths of the body: array items by index, nested objects by name, a prefix for an item of an array body', () => {
    const errors = errorsOf({
      ...valid,
      lines: [{ sku: 'A', quantity: 1 }, { quantity: 1 }, 7, null, { sku: 'B', quantity: 1, colour: 'red' }],
      window: { seconds: 0 },
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'lines[1].sku', message: 'sku is required' },
        { field: 'lines[2]', message: 'lines[2] must be an object' },
        { field: 'lines[3]', message: 'lines[3] must be an object' },
        { field: 'lines[4].colour', message: 'colour is not a known field' },
        { field: 'window.seconds', message: 'seconds must not be less than 1' },
      ]),
    );
    expect(errors).toHaveLength(5);
    expect(errorsOf({ ...valid, quantity: 'x' }, '[3]')).toEqual([
      { field: '[3].quantity', message: 'quantity must be an integer number' },
    ]);
  });

  it('names unknown fields, once each', () => {
    expect(errorsOf({ ...valid, colour: 'red' })).toEqual([{ field: 'colour', message: 'colour is not a known field' }]);
  });
});
