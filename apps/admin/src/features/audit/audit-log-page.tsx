import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useSearchParams } from 'wouter';
import { PageHeader } from '../../ui/page-header';
import { ErrorAlert, QueryState } from '../../ui/query-state';
import { useStores } from '../orders/orders.api';
import {
  ACTOR_KINDS,
  AUDIT_ACTIONS,
  auditFilterToQuery,
  parseAuditFilter,
  withAuditFilter,
  type AuditFilter,
  type AuditFilterField,
} from './audit-filters';
import { useAuditLog } from './audit.api';
import { AuditEntriesTable } from './audit-entries-table';

/** Every change made by a person or key (admins only), filtered by what the URL says; older pages load on demand. */
export function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const filter = parseAuditFilter(params);
  const stores = useStores();
  const log = useAuditLog(filter);
  const storeNames = new Map((stores.data ?? []).map((s) => [s.id, s.name]));
  // The actor box filters when submitted (Enter or the button), not on every key.
  const [actor, setActor] = useState(filter.actor ?? '');
  useEffect(() => setActor(filter.actor ?? ''), [filter.actor]);

  const apply = (next: AuditFilter) => setParams(new URLSearchParams(auditFilterToQuery(next)), { replace: true });
  const change = (field: AuditFilterField) => (event: ChangeEvent<HTMLSelectElement | HTMLInputElement>) =>
    apply(withAuditFilter(filter, field, event.currentTarget.value || null));
  const submitActor = (event: FormEvent) => {
    event.preventDefault();
    apply(withAuditFilter(filter, 'actor', actor));
  };

  return (
    <Stack gap="md">
      <PageHeader
        title="Audit log"
        description="Every change made by a person or an API key: settings, mappings, stores, plugins, people, keys and re-exports. Secrets are never shown."
      />
      <Group gap="sm" align="flex-end" wrap="wrap" component="form" onSubmit={submitActor} aria-label="Filter the audit log">
        <NativeSelect
          label="Store"
          value={filter.storeId ?? ''}
          onChange={change('storeId')}
          data={[{ value: '', label: 'All stores' }, ...(stores.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
          w={{ base: '100%', sm: 200 }}
        />
        <NativeSelect
          label="Action"
          value={filter.action ?? ''}
          onChange={change('action')}
          data={[{ value: '', label: 'All actions' }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: a }))]}
          w={{ base: '100%', sm: 240 }}
        />
        <NativeSelect
          label="Made by"
          value={filter.actorKind ?? ''}
          onChange={change('actorKind')}
          data={[{ value: '', label: 'Anyone' }, ...ACTOR_KINDS]}
          w={{ base: '100%', sm: 140 }}
        />
        <TextInput
          label="Person or key"
          description="E-mail, key name or id; Enter to filter"
          value={actor}
          onChange={(event) => setActor(event.currentTarget.value)}
          onBlur={() => actor.trim() !== (filter.actor ?? '') && apply(withAuditFilter(filter, 'actor', actor))}
          w={{ base: '100%', sm: 220 }}
        />
        <TextInput label="From" type="date" value={filter.from ?? ''} onChange={change('from')} w={{ base: '100%', sm: 160 }} />
        <TextInput label="To" type="date" value={filter.to ?? ''} onChange={change('to')} w={{ base: '100%', sm: 160 }} />
        <Button type="submit" variant="default">
          Filter
        </Button>
        {Object.keys(filter).length > 0 && (
          <Button variant="subtle" onClick={() => apply({})}>
            Clear filters
          </Button>
        )}
      </Group>
      <QueryState query={log} label="the audit log">
        {(data) => {
          const entries = data.pages.flatMap((page) => page.items);
          return (
            <>
              <Text size="sm" c="gray.7" aria-live="polite">
                {entries.length === 0
                  ? 'No entries.'
                  : `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}${log.hasNextPage ? ', newest first; older ones below' : ''}.`}
              </Text>
              <AuditEntriesTable entries={entries} storeNames={storeNames} />
              {log.isFetchNextPageError && <ErrorAlert error={log.error} title="Could not load older entries" />}
              {log.hasNextPage && (
                <Group>
                  <Button variant="default" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                    Load older entries
                  </Button>
                </Group>
              )}
            </>
          );
        }}
      </QueryState>
    </Stack>
  );
}
