import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'wouter';
import { dateTime, relativeTime } from '../../ui/format';
import { AuditChanges } from './audit-changes';
import type { AuditEntry } from './audit.api';

const ACTOR_KIND_LABELS: Record<AuditEntry['actor']['kind'], string> = { user: 'person', api_key: 'API key', system: 'system' };

/** Entries newest first: when, who, what, which target, and what changed. */
export function AuditEntriesTable({ entries, storeNames }: { entries: AuditEntry[]; storeNames: Map<string, string> }) {
  if (entries.length === 0) {
    return <Text c="gray.7">No changes match.</Text>;
  }
  const now = Date.now();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped aria-label="Audit log" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Target</Table.Th>
            <Table.Th>Changes</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                <Text size="sm">{dateTime(entry.occurredAt)}</Text>
                <Text size="xs" c="gray.7">
                  {relativeTime(entry.occurredAt, now)}
                </Text>
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {entry.actor.label}
                </Text>
                {entry.actor.kind !== 'system' && (
                  <Badge variant="light" color={entry.actor.kind === 'user' ? 'blue' : 'grape'}>
                    {ACTOR_KIND_LABELS[entry.actor.kind]}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {entry.action}
                </Text>
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Target entry={entry} storeNames={storeNames} />
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }} miw={320}>
                <AuditChanges
                  before={entry.before}
                  after={entry.after}
                  label={`Changes of ${entry.action} at ${dateTime(entry.occurredAt)}`}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Target({ entry, storeNames }: { entry: AuditEntry; storeNames: Map<string, string> }) {
  const id = entry.targetId ?? '';
  if (entry.targetType === 'store' && entry.storeId && storeNames.has(entry.storeId)) {
    return (
      <Anchor component={Link} href={`/stores/${entry.storeId}`} size="sm">
        {storeNames.get(entry.storeId)}
      </Anchor>
    );
  }
  if (entry.targetType === 'export' && id) {
    return (
      <Anchor component={Link} href={`/exports/${id}`} size="sm">
        export {id.slice(0, 8)}
      </Anchor>
    );
  }
  // A person is named by the e-mail the entry recorded, not by an id.
  const email = entry.targetType === 'user' ? (emailOf(entry.after) ?? emailOf(entry.before)) : null;
  if (email) {
    return (
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {email}
      </Text>
    );
  }
  return (
    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
      {entry.targetType}
      {id && ` ${entry.targetType === 'plugin' ? id : id.slice(0, 8)}`}
      {entry.targetType === 'store' && ' (removed)'}
    </Text>
  );
}

function emailOf(value: unknown): string | null {
  const email = value !== null && typeof value === 'object' ? (value as { email?: unknown }).email : undefined;
  return typeof email === 'string' ? email : null;
}
