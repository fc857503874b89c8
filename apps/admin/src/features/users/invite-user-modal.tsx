import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { ApiError } from '../../api/api-error';
import { ROLE_LABELS, ROLES, type Role } from '../../auth/role';
import { dateTime } from '../../ui/format';
import { ShownOnceSecret } from '../api-keys/shown-once-secret';
import { inviteRequest } from './user-rows';
import { useInviteUser, type Invitation } from './users.api';

type FieldErrors = Partial<Record<'email' | 'role', string>>;

/**
 * E-mail and role → the one-time link, shown once with a copy button. `initial` pre-fills a new link for someone
 * invited earlier (the API replaces their old link). Mount it with a new `key` per opening so the form starts afresh.
 */
export function InviteUserModal({ initial, onClose }: { initial: { email: string; role: Role } | null; onClose: () => void }) {
  const invite = useInviteUser();
  const [email, setEmail] = useState(initial?.email ?? '');
  const [role, setRole] = useState<Role | ''>(initial?.role ?? '');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [invitation, setInvitation] = useState<Invitation | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const request = inviteRequest(email, role || null);
    if (!request.body) {
      setFieldErrors(request.errors);
      return;
    }
    setFieldErrors({});
    invite.mutate(request.body, {
      onSuccess: setInvitation,
      onError: (caught) => {
        const fields = caught instanceof ApiError ? caught.fieldMessages() : {};
        setFieldErrors({ email: fields.email, role: fields.role });
        setError(fields.email || fields.role ? null : caught.message);
      },
    });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={invitation ? `${invitation.user.email} is invited` : initial ? 'Send a new invitation link' : 'Invite a person'}
      closeOnClickOutside={!invitation}
      closeOnEscape={!invitation}
      closeButtonProps={{ 'aria-label': 'Close' }}
      size="lg"
    >
      {invitation ? (
        <Stack>
          <ShownOnceSecret
            label="Invitation link"
            copyLabel="Copy the invitation link"
            value={invitation.invitationUrl}
            warning={`Send this link to ${invitation.user.email} yourself: Gantry sends no mail and cannot show it again. It works once and expires on ${dateTime(invitation.expiresAt)}. If it is lost, send a new link from the list (the old one then stops working).`}
          />
          <Text size="sm">
            They choose a password with it and join as {ROLE_LABELS[invitation.user.role]}. Until then they show as invited.
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>I have sent the link</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            {error && (
              <Alert color="red" role="alert" title="Not invited">
                {error}
              </Alert>
            )}
            {initial && <Text size="sm">The link sent before stops working once you create a new one.</Text>}
            <TextInput
              label="E-mail"
              type="email"
              autoComplete="off"
              required
              value={email}
              error={fieldErrors.email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              data-autofocus
            />
            <NativeSelect
              label="Role"
              description="Admin ⊇ Integration manager ⊇ Operator ⊇ Viewer"
              required
              value={role}
              error={fieldErrors.role}
              onChange={(e) => setRole(e.currentTarget.value as Role | '')}
              data={[{ value: '', label: 'Choose a role' }, ...ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))]}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={invite.isPending}>
                Create invitation link
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
