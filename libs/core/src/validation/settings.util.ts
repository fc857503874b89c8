import { instanceToPlain, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainException, type FieldError } from '../errors/domain.exception';
import { flattenValidationErrors, STRICT_VALIDATION_OPTIONS } from './flatten-validation-errors.util';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * Merges a settings patch into the current settings: objects recursively, everything else (arrays too) replaced. A
 * group of settings (an object) is only replaced by an object or null: an array or a scalar in its place is refused
 * (an empty array would pass its validation as an empty list of groups).
 */
export function mergeSettings(current: Record<string, unknown>, patch: Record<string, unknown>, path = ''): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (FORBIDDEN_KEYS.has(key)) {
      throw DomainException.invalid('The settings have 1 invalid field', [{ field: `${path}${key}`, message: `${key} is not allowed` }]);
    }
    const existing = merged[key];
    if (isPlainObject(existing) && value !== null && !isPlainObject(value)) {
      throw DomainException.invalid('The settings have 1 invalid field', [{ field: `${path}${key}`, message: `${key} must be an object` }]);
    }
    merged[key] = isPlainObject(existing) && isPlainObject(value) ? mergeSettings(existing, value, `${path}${key}.`) : value;
  }
  return merged;
}

/** Validates settings against a channel's class strictly (unknown fields refused); throws INVALID_INPUT naming each field. */
export function validateSettings<T extends object>(settingsClass: new () => T, plain: unknown): T {
  if (!isPlainObject(plain)) {
    throw DomainException.invalid('Settings must be a JSON object', [{ field: 'settings', message: 'must be an object' }]);
  }
  const instance = plainToInstance(settingsClass, plain);
  const errors: FieldError[] = flattenValidationErrors(validateSync(instance, STRICT_VALIDATION_OPTIONS));
  if (errors.length > 0) {
    throw DomainException.invalid(`The settings have ${errors.length} invalid field${errors.length === 1 ? '' : 's'}`, errors);
  }
  return instance;
}

/** The JSON form of validated settings, as stored. */
export function settingsToPlain(settings: object): Record<string, unknown> {
  return instanceToPlain(settings) as Record<string, unknown>;
}
