import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, Min, ValidateNested } from 'class-validator';
import { DomainException } from '../errors/domain.exception';
import { mergeSettings, settingsToPlain, validateSettings } from './settings.util';

class Window {
  @IsInt()
  @Min(1)
  seconds = 60;
}

class Settings {
  @ValidateNested()
  @Type(() => Window)
  window: Window = new Window();
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
        { field: 'extra', message: 'extra should not exist' },
      ]),
    );
    expect(invalid.errors).toHaveLength(2);
    expect(() => validateSettings(Settings, [])).toThrow('Settings must be a JSON object');
  });
});
