import { useState, type FormEvent } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useLocation, useSearch } from 'wouter';
import { useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../api/api-client';
import { ApiError } from '../../api/api-error';
import { SESSION_KEY } from '../../auth/session-context';

/** The one-time link of an invitation: the person chooses a password and is signed in. */
export function AcceptInvitationPage() {
  const token = new URLSearchParams(useSearch()).get('token') ?? '';
  const [, navigate] = useLocation();
  const client = useQueryClient();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setFieldError(null);
    if (password !== repeat) {
      setFieldError('The two passwords differ');
      return;
    }
    setBusy(true);
    try {
      const session = await api.post<{ csrfToken: string }>('/auth/accept-invitation', { token, password });
      setCsrfToken(session.csrfToken);
      client.setQueryData(SESSION_KEY, session);
      navigate('/stores', { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError) {
        const fields = caught.fieldMessages();
        setFieldError(fields.password ?? null);
        setError(fields.password ? null : caught.message);
      } else {
        setError('Accepting the invitation failed; try again');
      }
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={460}>
        <form onSubmit={(event) => void submit(event)} aria-labelledby="invitation-title">
          <Stack>
            <Title order={1} size="h2" id="invitation-title">
              Join Gantry
            </Title>
            {!token && (
              <Alert color="red" role="alert">
                This link has no invitation token: open the whole link you were given.
              </Alert>
            )}
            {error && (
              <Alert color="red" role="alert" title="Not accepted">
                {error}
              </Alert>
            )}
            <Text size="sm">Choose a password of 12 characters or more. The link works once.</Text>
            <PasswordInput
              label="Password"
              autoComplete="new-password"
              required
              minLength={12}
              value={password}
              error={fieldError}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <PasswordInput
              label="Repeat the password"
              autoComplete="new-password"
              required
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
            />
            <Button type="submit" loading={busy} disabled={!token}>
              Set password and sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
