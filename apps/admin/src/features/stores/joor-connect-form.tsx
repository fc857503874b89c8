import { useState, type FormEvent } from 'react';
import { Button, Group, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { ApiError } from '../../api/api-error';
import { ErrorAlert } from '../../ui/query-state';
import { joorConnectRequest, joorTargets, type JoorConnectInput } from './joor-connect';
import { fieldText } from './store-view';
import { useConnectJoor, useStores, type Store } from './stores.api';

const LABELS: Record<keyof JoorConnectInput, string> = {
  name: 'Store name',
  apiToken: 'JOOR API token',
  shopifyStoreId: 'Shopify store that takes the orders',
};

/** Connects a JOOR account by its API token (checked by JOOR), exporting its orders to a connected Shopify store. */
export function JoorConnectForm({
  initial,
  onCancel,
  onConnected,
}: {
  initial?: Partial<JoorConnectInput>;
  onCancel: () => void;
  onConnected: (store: Store) => void;
}) {
  const [input, setInput] = useState<JoorConnectInput>({ name: '', apiToken: '', shopifyStoreId: '', ...initial });
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const stores = useStores();
  const connect = useConnectJoor();
  const targets = joorTargets(stores.data ?? []);

  const change = (field: keyof JoorConnectInput, value: string) => {
    setInput((current) => ({ ...current, [field]: value }));
    setProblems(({ [field]: _, ...rest }) => rest);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const request = joorConnectRequest(input);
    if ('problems' in request) {
      setProblems(request.problems);
      return;
    }
    try {
      onConnected(await connect.mutateAsync(request.body));
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldMessages() : {};
      setProblems(fields);
      const known = Object.keys(fields).filter((f) => f in LABELS);
      setFailure(known.length > 0 && known.length === Object.keys(fields).length ? null : error);
    }
  };

  const error = (field: keyof JoorConnectInput) => fieldText(field, LABELS[field], problems);
  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Connect a JOOR account" noValidate>
      <Stack>
        {failure !== null && <ErrorAlert error={failure} title="Could not connect the JOOR account" />}
        <TextInput
          label={LABELS.name}
          description="How the store is named in Gantry"
          required
          data-autofocus
          value={input.name}
          error={error('name')}
          onChange={(e) => change('name', e.currentTarget.value)}
        />
        <PasswordInput
          label={LABELS.apiToken}
          description="Issued by JOOR support; stored encrypted and never shown again"
          required
          autoComplete="off"
          value={input.apiToken}
          error={error('apiToken')}
          onChange={(e) => change('apiToken', e.currentTarget.value)}
        />
        <Select
          label={LABELS.shopifyStoreId}
          description="Approved JOOR orders are exported to this connected Shopify store"
          placeholder={stores.isPending ? 'Loading stores…' : targets.length === 0 ? 'No connected Shopify store' : 'Choose a store'}
          required
          data={targets}
          value={input.shopifyStoreId || null}
          error={error('shopifyStoreId')}
          onChange={(value) => change('shopifyStoreId', value ?? '')}
        />
        {!stores.isPending && targets.length === 0 && (
          <Text size="sm" c="var(--gantry-warning-text)">
            Connect a Shopify store first: a JOOR account needs one to export its orders to.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={connect.isPending}>
            Connect JOOR
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
