import { Text } from '@mantine/core';
import { auditDiff, showValue } from './audit-diff';

const MAX_LINES = 12;
// Mantine's green-9 on green-0 is below 4.5:1; this green reads at 7:1 on it.
const INSERTED = '#1e5631';

/**
 * Before and after as a readable diff: one line per changed field, the old value struck through (`del`) and the new one
 * inserted (`ins`), so screen readers announce "deletion" and "insertion" too.
 */
export function AuditChanges({ before, after, label }: { before: unknown; after: unknown; label: string }) {
  const changes = auditDiff(before, after);
  if (changes.length === 0) {
    return (
      <Text size="sm" c="gray.7">
        no field changed
      </Text>
    );
  }
  const shown = changes.slice(0, MAX_LINES);
  return (
    <>
      <ul aria-label={label} style={{ margin: 0, paddingLeft: '1rem', fontSize: 'var(--mantine-font-size-sm)' }}>
        {shown.map((change) => (
          <li key={`${change.kind}:${change.path}`} style={{ overflowWrap: 'anywhere' }}>
            <Text span size="sm" fw={600}>
              {change.path || 'value'}
            </Text>
            {': '}
            {change.kind !== 'added' && (
              <del style={{ color: 'var(--mantine-color-red-9)', background: 'var(--mantine-color-red-0)' }}>
                {showValue(change.before)}
              </del>
            )}
            {change.kind === 'changed' && ' → '}
            {change.kind !== 'removed' && (
              <ins style={{ color: INSERTED, background: 'var(--mantine-color-green-0)', textDecoration: 'none' }}>
                {showValue(change.after)}
              </ins>
            )}
          </li>
        ))}
      </ul>
      {changes.length > MAX_LINES && (
        <Text size="xs" c="gray.7">
          and {changes.length - MAX_LINES} more field{changes.length - MAX_LINES === 1 ? '' : 's'}
        </Text>
      )}
    </>
  );
}
