import { Alert, Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { useSession } from '../../auth/session-context';
import { ErrorAlert } from '../../ui/query-state';
import { StatusBadge } from '../../ui/status-badge';
import { syncActions, type SyncAction } from './store-view';
import { useSyncNow, type Store } from './stores.api';

/** "Sync now" buttons for integration managers: the store's flows run at once besides their schedule. */
export function SyncNowSection({ store }: { store: Store }) {
  const session = useSession();
  const sync = useSyncNow(store.id);
  const actions = syncActions(store);
  if (!session.can('integration_manager') || actions.length === 0) {
    return null;
  }
  const running = sync.isPending ? sync.variables.path : null;
  const done = sync.isSuccess ? actions.find((a) => a.path === sync.variables.path) : undefined;

  return (
    <Paper withBorder p="md" component="section" aria-label="Sync now">
      <Title order={2} size="h4" mb="sm">
        Sync now
      </Title>
      <Stack gap="sm">
        {actions.map((action: SyncAction) => (
          <div key={action.path}>
            <Button
              variant="light"
              loading={running === action.path}
              disabled={running !== null && running !== action.path}
              onClick={() => sync.mutate({ path: action.path, ...(action.path === 'order-import' ? { body: {} } : {}) })}
            >
              {action.label}
            </Button>
            <Text size="xs" c="gray.7" mt={4}>
              {action.description}
            </Text>
          </div>
        ))}
        {sync.isError && <ErrorAlert error={sync.error} title="The sync did not start" />}
        {done && sync.data && (
          <Alert
            color="blue"
            title={`${done.label.replace(/ now$/, '')}: ${sync.data.status === 'running' ? 'started' : 'finished'}`}
            role="status"
          >
            <Stack gap={4}>
              <div>
                <StatusBadge status={sync.data.status} />
              </div>
              <Anchor component={Link} href={`/activity/${sync.data.id}`} size="sm">
                View the sync run
              </Anchor>
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
