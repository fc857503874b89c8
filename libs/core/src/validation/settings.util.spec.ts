import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { DomainException } from '../errors/domain.exception';
import { mergeSettings, settingsToPlain, validateSettings } from './settings.util';

class Window {
  @IsInt()
  @Min(1)
  seconds = 60;
}

class Rate {
  @IsString()
  @Matches(/^[A-Z]{2}$/)
  country!: string;

  @IsString()
  rate!: string;
}

class Settings {
  @ValidateNested()
  @Type(() => Window)
  window: Window = new Window();
}

class RatedSettings {
  @ValidateNested()
  @Type(() => Window)
  window: Window = new Window();

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => Rate)
  rates: Rate[] = [];

  @Max(100)
  @IsInt()
  limit = 10;
}

function thrown(run: () => unknown): DomainException {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainException) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a DomainException');
}

describe('settings utilities', () => {
  it('merges objects recursively and replaces arrays and scalars', () => {
    expect(mergeSettings({ a: { b: 1, c: [1, 2] }, d: 'x' }, { a: { c: [3] }, d: 'y' })).toEqual({ a: { b: 1, c: [3] }, d: 'y' });
    expect(mergeSettings({ a: { b: 1 } }, { a: null })).toEqual({ a: null });
  });

  it('refuses an array or a scalar in place of a group of settings, with the field path', () => {
    expect(thrown(() => mergeSettings({ a: { b: {} } }, { a: { b: [] } })).errors).toEqual([
      { field: 'a.b', message: 'b must be an object' },
    ]);
    expect(thrown(() => mergeSettings({ a: {} }, { a: 5 })).errors).toEqual([{ field: 'a', message: 'a must be an object' }]);
  });

  it('refuses prototype keys with the field path', () => {
    const patch = JSON.parse('{"a": {"__proto__": {"polluted": true}}}') as Record<string, unknown>;
    expect(thrown(() => mergeSettings({ a: {} }, patch)).errors).toEqual([{ field: 'a.__proto__', message: '__proto__ is not allowed' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('validates into an instance, naming nested fields, and refusing unknown ones', () => {
    const ok = validateSettings(Settings, { window: { seconds: 5 } });
    expect(ok).toBeInstanceOf(Settings);
    expect(settingsToPlain(ok)).toEqual({ window: { seconds: 5 } });
    const invalid = thrown(() => validateSettings(Settings, { window: { seconds: 0 }, extra: 1 }));
    expect(invalid.code).toBe('INVALID_INPUT');
    expect(invalid.errors).toEqual(
      expect.arrayContaining([
        { field: 'window.seconds', message: 'seconds must not be less than 1' },
        { field: 'extra', message: 'extra is not a known field' },
      ]),
    );
    expect(invalid.errors).toHaveLength(2);
    expect(() => validateSettings(Settings, [])).toThrow('Settings must be a JSON object');
  });

  it('reports one message per field: the type for a value of the wrong type, is required for null, paths into arrays', () => {
    const invalid = thrown(() =>
      validateSettings(RatedSettings, {
        window: { seconds: null },
        limit: '500',
        rates: [{ country: 'de', rate: '0.19' }, { country: 'FR' }],
      }),
    );
    expect(invalid.errors).toEqual([
      { field: 'window.seconds', message: 'seconds is required' },
      { field: 'rates[0].country', message: expect.stringContaining('must match') },
      { field: 'rates[1].rate', message: 'rate is required' },
      { field: 'limit', message: 'limit must be an integer number' },
    ]);
    expect(thrown(() => validateSettings(RatedSettings, { window: null })).errors).toEqual([
      { field: 'window', message: 'window is required' },
    ]);
  });
});
