import { useState, type FormEvent } from 'react';
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { ApiError } from '../../api/api-error';
import { ROLE_LABELS, ROLES, type Role } from '../../auth/role';
import { dateTime } from '../../ui/format';
import { API_KEY_NAME_MAX, createApiKeyRequest, EXPIRY_CHOICES, type ExpiryChoice } from './api-key-rows';
import { useCreateApiKey, type CreatedApiKey } from './api-keys.api';
import { ShownOnceSecret } from './shown-once-secret';

type FieldErrors = Partial<Record<'name' | 'role' | 'expiresAt', string>>;

/** Name, role and expiry → the new key, shown once with a copy button; closing forgets it. */
export function CreateApiKeyModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [expiry, setExpiry] = useState<ExpiryChoice>('never');
  const [expiryDate, setExpiryDate] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  // The key is never shown again: it goes with the form once the modal has faded out.
  const reset = () => {
    setName('');
    setRole('');
    setExpiry('never');
    setExpiryDate('');
    setFieldErrors({});
    setError(null);
    setCreated(null);
    create.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const request = createApiKeyRequest(name, role || null, { choice: expiry, date: expiryDate });
    if (!request.body) {
      setFieldErrors(request.errors);
      return;
    }
    setFieldErrors({});
    create.mutate(request.body, {
      onSuccess: (key) => setCreated(key),
      onError: (caught) => {
        const fields = caught instanceof ApiError ? caught.fieldMessages() : {};
        setFieldErrors({ name: fields.name, role: fields.role, expiresAt: fields.expiresAt });
        setError(fields.name || fields.role || fields.expiresAt ? null : caught.message);
      },
    });
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={created ? `Key “${created.name}” created` : 'Create an API key'}
      closeOnClickOutside={!created}
      closeOnEscape={!created}
      size="lg"
      closeButtonProps={{ 'aria-label': 'Close' }}
      onExitTransitionEnd={reset}
    >
      {created ? (
        <Stack>
          <ShownOnceSecret
            label="API key"
            copyLabel="Copy the API key"
            value={created.key}
            warning="Copy the key now and store it where the machine reads it: Gantry keeps only a hash and cannot show it again. Lost keys are revoked and replaced."
          />
          <Text size="sm">
            Send it as <code>Authorization: Bearer &lt;key&gt;</code>. It acts as {ROLE_LABELS[created.role]}
            {created.expiresAt ? ` and stops working on ${dateTime(created.expiresAt)}` : ''}.
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>I have stored the key</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            {error && (
              <Alert color="red" role="alert" title="Not created">
                {error}
              </Alert>
            )}
            <TextInput
              label="Name"
              description="What the key is for, e.g. ERP integration"
              required
              maxLength={API_KEY_NAME_MAX}
              value={name}
              error={fieldErrors.name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-autofocus
            />
            <NativeSelect
              label="Role"
              description="The least role the machine needs"
              required
              value={role}
              error={fieldErrors.role}
              onChange={(e) => setRole(e.currentTarget.value as Role | '')}
              data={[{ value: '', label: 'Choose a role' }, ...ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))]}
            />
            <NativeSelect
              label="Expires"
              description="From then on the key is refused; a key for a one-off job should not outlive it"
              value={expiry}
              error={expiry === 'date' ? undefined : fieldErrors.expiresAt}
              onChange={(e) => setExpiry(e.currentTarget.value as ExpiryChoice)}
              data={EXPIRY_CHOICES.map((c) => ({ value: c.value, label: c.label }))}
            />
            {expiry === 'date' && (
              <TextInput
                type="date"
                label="Stops working on"
                description="At 00:00 UTC that day"
                required
                value={expiryDate}
                error={fieldErrors.expiresAt}
                onChange={(e) => setExpiryDate(e.currentTarget.value)}
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create key
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
