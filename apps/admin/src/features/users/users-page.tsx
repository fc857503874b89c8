import { useState } from 'react';
import { Button } from '@mantine/core';
import type { Role } from '../../auth/role';
import { useSession } from '../../auth/session-context';
import { PageHeader } from '../../ui/page-header';
import { ErrorAlert, QueryState } from '../../ui/query-state';
import { DeactivateUserModal } from './deactivate-user-modal';
import { InviteUserModal } from './invite-user-modal';
import { userRows, type UserRow } from './user-rows';
import { useUpdateUser, useUsers, type UserChange } from './users.api';
import { UsersTable } from './users-table';

/** The people of the admin (admins only): invite with a one-time link, change roles, deactivate and reactivate. */
export function UsersPage() {
  const session = useSession();
  const users = useUsers();
  const update = useUpdateUser(session.user?.id);
  // A counter remounts the invite form on every opening, so nothing of an earlier invitation lingers.
  const [invite, setInvite] = useState<{ seq: number; initial: { email: string; role: Role } | null } | null>(null);
  const [deactivating, setDeactivating] = useState<UserRow | null>(null);
  const [failed, setFailed] = useState<{ email: string; error: unknown } | null>(null);
  const busyId = update.isPending ? update.variables.id : null;

  const change = (row: UserRow, patch: UserChange, onDone?: () => void) => {
    setFailed(null);
    update.mutate(
      { id: row.id, change: patch },
      {
        onSuccess: onDone,
        // The confirmation shows its own error; inline changes show theirs above the table.
        onError: (error) => (deactivating ? undefined : setFailed({ email: row.email, error })),
      },
    );
  };

  const closeDeactivate = () => {
    setDeactivating(null);
    update.reset();
  };

  return (
    <>
      <PageHeader
        title="Users"
        description="People who sign in to this admin. Roles nest: Admin ⊇ Integration manager ⊇ Operator ⊇ Viewer."
        actions={<Button onClick={() => setInvite({ seq: Date.now(), initial: null })}>Invite person</Button>}
      />
      {failed && <ErrorAlert error={failed.error} title={`${failed.email} was not changed`} />}
      <QueryState query={users} label="users">
        {(list) => (
          <UsersTable
            rows={userRows(list, session.user?.id)}
            busyId={busyId}
            onRoleChange={(row, role) => change(row, { role })}
            onReactivate={(row) => change(row, { active: true })}
            onDeactivate={(row) => {
              setFailed(null);
              update.reset();
              setDeactivating(row);
            }}
            onReinvite={(row) => setInvite({ seq: Date.now(), initial: { email: row.email, role: row.role } })}
          />
        )}
      </QueryState>
      {invite && <InviteUserModal key={invite.seq} initial={invite.initial} onClose={() => setInvite(null)} />}
      <DeactivateUserModal
        user={deactivating}
        busy={update.isPending}
        error={deactivating ? update.error : null}
        onClose={closeDeactivate}
        onConfirm={() => deactivating && change(deactivating, { active: false }, closeDeactivate)}
      />
    </>
  );
}
