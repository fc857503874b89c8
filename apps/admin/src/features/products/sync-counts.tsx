import { Badge, Group } from '@mantine/core';
import { SYNC_OUTCOMES } from './product-sync-progress';

// Light badges take AA-contrast text from the theme (app/theme.ts).
const COLORS: Record<string, string> = { mapped: 'green', created: 'teal', unchanged: 'gray', skipped: 'orange', failed: 'red' };

/** A product sync's variants by outcome, each in words and number. */
export function SyncCounts({ counts }: { counts: Record<string, number> }) {
  return (
    <Group gap="xs" aria-label="Variants by outcome" role="group">
      {SYNC_OUTCOMES.filter((outcome) => outcome !== 'failed' || (counts[outcome] ?? 0) > 0).map((outcome) => (
        <Badge key={outcome} color={COLORS[outcome]} variant="light" size="lg" radius="sm" tt="none">
          {outcome}: {(counts[outcome] ?? 0).toLocaleString('en')}
        </Badge>
      ))}
    </Group>
  );
}
