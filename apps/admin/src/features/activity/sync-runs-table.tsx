import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'wouter';
import { dateTime, duration, relativeTime } from '../../ui/format';
import { StatusBadge } from '../../ui/status-badge';
import { countsSummary, runDurationMs } from './sync-run-filters';
import type { SyncRun } from './sync-runs.api';

/** Runs newest first, each linking to its page; `storeNames` adds a Store column (the activity page's). */
export function SyncRunsTable({ runs, label, storeNames }: { runs: SyncRun[]; label: string; storeNames?: Map<string, string> }) {
  if (runs.length === 0) {
    return <Text c="gray.7">No sync runs match.</Text>;
  }
  const now = Date.now();
  return (
    <Table.ScrollContainer minWidth={storeNames ? 900 : 760}>
      <Table striped highlightOnHover aria-label={label} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kind</Table.Th>
            {storeNames && <Table.Th>Store</Table.Th>}
            <Table.Th>Status</Table.Th>
            <Table.Th>Counts</Table.Th>
            <Table.Th>Started</Table.Th>
            <Table.Th>Finished</Table.Th>
            <Table.Th>Duration</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
            <Table.Tr key={run.id}>
              <Table.Td>
                <Anchor
                  component={Link}
                  href={`/activity/${run.id}`}
                  aria-label={`${run.kind} run started ${dateTime(run.startedAt)}`}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {run.kind}
                </Anchor>
                <Text size="xs" c="gray.7">
                  {run.trigger}
                </Text>
              </Table.Td>
              {storeNames && <Table.Td>{run.storeId ? (storeNames.get(run.storeId) ?? run.storeId.slice(0, 8)) : '—'}</Table.Td>}
              <Table.Td miw={120}>
                <StatusBadge status={run.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{countsSummary(run.counts)}</Text>
                {run.error && (
                  <Text size="xs" c="red.8" lineClamp={2}>
                    {run.error}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm" title={dateTime(run.startedAt)}>
                  {relativeTime(run.startedAt, now)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{run.finishedAt ? dateTime(run.finishedAt) : 'still running'}</Text>
              </Table.Td>
              <Table.Td>{duration(runDurationMs(run, now))}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
