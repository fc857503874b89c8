/** Before and after of an audit entry as a list of changed fields; pure, so it is unit-tested. */

export interface FieldChange {
  /** "stockSync.enabled", "[0].warehouseId"; empty for a value that is not an object. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

const join = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

/**
 * The fields that differ between `before` and `after`, depth first in key order: objects and arrays are walked, other
 * values compared as JSON. A created target (no before) lists every field as added; a removed one, every field as removed.
 */
export function auditDiff(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const inner = join(path, key);
      if (!(key in after)) {
        return auditDiff(before[key], undefined, inner);
      }
      if (!(key in before)) {
        return auditDiff(undefined, after[key], inner);
      }
      return auditDiff(before[key], after[key], inner);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) =>
      auditDiff(i < before.length ? before[i] : undefined, i < after.length ? after[i] : undefined, join(path, i)),
    ).flat();
  }
  const absentBefore = before === undefined || before === null;
  const absentAfter = after === undefined || after === null;
  if (absentBefore && absentAfter) {
    return [];
  }
  // A whole object or list created or removed: one line per leaf, so it reads like a form.
  if (absentBefore && (isObject(after) || Array.isArray(after))) {
    return auditDiff(isObject(after) ? {} : [], after, path);
  }
  if (absentAfter && (isObject(before) || Array.isArray(before))) {
    return auditDiff(before, isObject(before) ? {} : [], path);
  }
  if (absentBefore) {
    return [{ path, kind: 'added', after }];
  }
  if (absentAfter) {
    return [{ path, kind: 'removed', before }];
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, kind: 'changed', before, after }];
}

/** A value as the diff shows it: strings quoted only when they could be read as something else. */
export function showValue(value: unknown): string {
  if (value === undefined || value === null) {
    return '—';
  }
  if (typeof value === 'string') {
    return value === '' || /^(true|false|null|-?\d+(\.\d+)?)$/.test(value) ? JSON.stringify(value) : value;
  }
  if (Array.isArray(value) && value.length === 0) {
    return 'none';
  }
  // JSON's own spelling for everything else: what an entry stores is JSON.
  return JSON.stringify(value) ?? '—';
}
