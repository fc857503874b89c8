import { Button, NativeSelect, Table, Text, VisuallyHidden } from '@mantine/core';
import { ROLE_LABELS, ROLES, type Role } from '../../auth/role';
import { dateTime, relativeTime } from '../../ui/format';
import { StatusBadge } from '../../ui/status-badge';
import type { UserRow } from './user-rows';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** The people, each with a role picker and the action their status allows. */
export function UsersTable({
  rows,
  busyId,
  onRoleChange,
  onDeactivate,
  onReactivate,
  onReinvite,
}: {
  rows: UserRow[];
  busyId: string | null;
  onRoleChange: (row: UserRow, role: Role) => void;
  onDeactivate: (row: UserRow) => void;
  onReactivate: (row: UserRow) => void;
  onReinvite: (row: UserRow) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table aria-label="Users" striped verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>E-mail</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th miw={130}>Status</Table.Th>
            <Table.Th>Last sign-in</Table.Th>
            <Table.Th>Added</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td>
                {row.email}
                {row.isSelf && (
                  <Text span size="sm" c="gray.7">
                    {' '}
                    (you)
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <NativeSelect
                  size="xs"
                  aria-label={`Role of ${row.email}`}
                  value={row.role}
                  disabled={busyId === row.id}
                  data={ROLE_OPTIONS}
                  onChange={(e) => onRoleChange(row, e.currentTarget.value as Role)}
                />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={row.status} />
                {row.lockedUntil && (
                  <Text size="xs" c="gray.7" title={dateTime(row.lockedUntil)}>
                    until {dateTime(row.lockedUntil)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td title={row.lastSignInAt ? dateTime(row.lastSignInAt) : undefined}>
                {row.lastSignInAt ? relativeTime(row.lastSignInAt) : 'never'}
              </Table.Td>
              <Table.Td title={dateTime(row.createdAt)}>{relativeTime(row.createdAt)}</Table.Td>
              <Table.Td>
                {row.toggle === 'deactivate' && (
                  <Button size="xs" color="red" variant="light" aria-label={`Deactivate ${row.email}`} onClick={() => onDeactivate(row)}>
                    Deactivate
                  </Button>
                )}
                {row.toggle === 'reactivate' && (
                  <Button
                    size="xs"
                    variant="light"
                    loading={busyId === row.id}
                    aria-label={`Reactivate ${row.email}`}
                    onClick={() => onReactivate(row)}
                  >
                    Reactivate
                  </Button>
                )}
                {row.canReinvite && (
                  <Button size="xs" variant="default" aria-label={`New link for ${row.email}`} onClick={() => onReinvite(row)}>
                    New link
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
