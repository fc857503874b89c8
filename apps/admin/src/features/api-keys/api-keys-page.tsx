import { useState } from 'react';
import { Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { ROLE_LABELS } from '../../auth/role';
import { dateTime, relativeTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header';
import { QueryState } from '../../ui/query-state';
import { StatusBadge } from '../../ui/status-badge';
import { apiKeyRows, type ApiKeyRow } from './api-key-rows';
import { useApiKeys, useRevokeApiKey } from './api-keys.api';
import { CreateApiKeyModal } from './create-api-key-modal';
import { RevokeApiKeyModal } from './revoke-api-key-modal';

/** API keys for machines (admins only): list with last use and expiry, create (the key shown once), revoke. */
export function ApiKeysPage() {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKeyRow | null>(null);

  const closeRevoke = () => {
    setRevoking(null);
    revoke.reset();
  };

  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let machines (an ERP, scripts) call the API with a role. People sign in with their e-mail instead."
        actions={<Button onClick={() => setCreating(true)}>Create API key</Button>}
      />
      <QueryState query={keys} label="API keys">
        {(list) =>
          list.length === 0 ? (
            <Text>No API keys yet.</Text>
          ) : (
            <Table.ScrollContainer minWidth={1000}>
              <Table aria-label="API keys" striped verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Key</Table.Th>
                    <Table.Th>Role</Table.Th>
                    <Table.Th miw={130}>Status</Table.Th>
                    <Table.Th>Created</Table.Th>
                    <Table.Th>Last used</Table.Th>
                    <Table.Th>Expires</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {apiKeyRows(list).map((row) => (
                    <Table.Tr key={row.id}>
                      <Table.Td>{row.name}</Table.Td>
                      <Table.Td>
                        <code>{row.shown}</code>
                      </Table.Td>
                      <Table.Td>{ROLE_LABELS[row.role]}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={row.status} />
                        {row.revokedAt && (
                          <Text size="xs" c="gray.7" title={dateTime(row.revokedAt)}>
                            {relativeTime(row.revokedAt)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td title={dateTime(row.createdAt)}>{relativeTime(row.createdAt)}</Table.Td>
                      <Table.Td title={row.lastUsedAt ? dateTime(row.lastUsedAt) : undefined}>
                        {row.lastUsedAt ? relativeTime(row.lastUsedAt) : 'never'}
                      </Table.Td>
                      <Table.Td title={row.expiresAt ? dateTime(row.expiresAt) : undefined}>
                        {row.expiresAt ? relativeTime(row.expiresAt) : 'never'}
                      </Table.Td>
                      <Table.Td>
                        {row.status === 'active' && (
                          <Button
                            size="xs"
                            color="red"
                            variant="light"
                            aria-label={`Revoke ${row.name}`}
                            onClick={() => {
                              revoke.reset();
                              setRevoking(row);
                            }}
                          >
                            Revoke
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      <CreateApiKeyModal opened={creating} onClose={() => setCreating(false)} />
      <RevokeApiKeyModal
        apiKey={revoking}
        busy={revoke.isPending}
        error={revoke.error}
        onClose={closeRevoke}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: closeRevoke })}
      />
    </>
  );
}
