import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Center, Group, Loader, NativeSelect, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { ApiError } from '../../api/api-error';
import { useSession } from '../../auth/session-context';
import { ErrorAlert } from '../../ui/query-state';
import {
  labelOf,
  mappingErrors,
  processesOf,
  staleMappings,
  toMappingBody,
  toMappingForm,
  withWarehouse,
  type LocationMapping,
  type MappingErrors,
  type MappingForm,
  type ShippingProcess,
  type ShopifyLocation,
  type Warehouse,
} from './location-mappings';
import {
  useLocationMappings,
  useSaveLocationMappings,
  useShippingProcesses,
  useShopifyLocations,
  useWarehouses,
} from './location-mappings.api';
import { useStore } from './store-settings.api';

/** Which warehouse and shipping process back each Shopify location of the store, one of them the default. */
export function LocationMappingsPanel({ storeId }: { storeId: string }) {
  const store = useStore(storeId);
  const isShopify = store.data?.channel === 'shopify';
  const locations = useShopifyLocations(isShopify ? storeId : null);
  const mappings = useLocationMappings(isShopify ? storeId : null);
  const warehouses = useWarehouses();
  const processes = useShippingProcesses();

  if (store.isError) {
    return <ErrorAlert error={store.error} title="Could not load the store" />;
  }
  if (store.data && !isShopify) {
    return <Text>Location mappings are for Shopify stores; this store's channel has none.</Text>;
  }
  for (const [query, label] of [
    [locations, "the shop's locations"],
    [mappings, 'the location mappings'],
    [warehouses, 'the warehouses'],
    [processes, 'the shipping processes'],
  ] as const) {
    if (query.isError) {
      return <ErrorAlert error={query.error} title={`Could not load ${label}`} />;
    }
  }
  if (!locations.data || !mappings.data || !warehouses.data || !processes.data) {
    return (
      <Center p="xl">
        <Loader aria-label="Loading location mappings" />
      </Center>
    );
  }
  return (
    <MappingsEditor
      storeId={storeId}
      locations={locations.data}
      mappings={mappings.data}
      warehouses={warehouses.data}
      processes={processes.data}
    />
  );
}

interface EditorProps {
  storeId: string;
  locations: ShopifyLocation[];
  mappings: LocationMapping[];
  warehouses: Warehouse[];
  processes: ShippingProcess[];
}

const NO_ERRORS: MappingErrors = { rows: {}, isDefault: null, other: [] };

function MappingsEditor({ storeId, locations, mappings, warehouses, processes }: EditorProps) {
  const canEdit = useSession().can('admin');
  const save = useSaveLocationMappings(storeId);
  const [form, setForm] = useState<MappingForm>(() => toMappingForm(locations, mappings));
  const [errors, setErrors] = useState<MappingErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const stale = staleMappings(locations, mappings);

  const edit = (next: MappingForm) => {
    setForm(next);
    setSaved(false);
  };
  const setRow = (index: number, warehouseId: string | null, shippingProcessId?: string | null) => {
    const rows = form.rows.map((row, i) => {
      if (i !== index) {
        return row;
      }
      return shippingProcessId === undefined ? withWarehouse(row, warehouseId, processes) : { ...row, shippingProcessId };
    });
    edit({ ...form, rows });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { body, rowOf } = toMappingBody(form);
    setErrors(NO_ERRORS);
    setFailure(null);
    try {
      await save.mutateAsync(body);
      setSaved(true);
    } catch (error) {
      const placed = error instanceof ApiError ? mappingErrors(error.fieldMessages(), rowOf) : NO_ERRORS;
      setErrors(placed);
      setFailure(error);
    }
  };

  const warehouseOptions = [
    { value: '', label: 'Not mapped' },
    ...warehouses.map((w) => ({ value: w.id, label: labelOf(w.id, warehouses) })),
  ];

  const table = (
    // Read-only, the table has nothing focusable: its scrolled region takes a tab stop so keyboards can reach it.
    <Table.ScrollContainer
      minWidth={canEdit ? 720 : 480}
      type="native"
      {...(canEdit ? {} : { tabIndex: 0, role: 'region', 'aria-label': 'Location mappings, scrollable' })}
    >
      <Table aria-label="Location mappings" verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Shopify location</Table.Th>
            {/* Second, so it stays in view when a narrow screen scrolls the table. */}
            <Table.Th>Default</Table.Th>
            <Table.Th>Warehouse</Table.Th>
            <Table.Th>Shipping process</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {form.rows.map((row, index) => {
            const rowErrors = errors.rows[index] ?? {};
            const isDefault = row.locationId === form.defaultLocationId;
            return (
              <Table.Tr key={row.locationId}>
                <Table.Td>
                  <Text fw={500}>{row.locationName}</Text>
                  {rowErrors.locationId && (
                    <Text c="red.9" size="sm">
                      {rowErrors.locationId}
                    </Text>
                  )}
                </Table.Td>
                {canEdit ? (
                  <>
                    <Table.Td>
                      <Radio
                        name="default-location"
                        value={row.locationId}
                        checked={isDefault}
                        onChange={() => edit({ ...form, defaultLocationId: row.locationId })}
                        aria-label={`Default for ${row.locationName}`}
                        aria-describedby={errors.isDefault ? 'default-location-error' : undefined}
                        error={Boolean(errors.isDefault)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={`Warehouse for ${row.locationName}`}
                        data={warehouseOptions}
                        value={row.warehouseId ?? ''}
                        onChange={(e) => setRow(index, e.currentTarget.value || null)}
                        error={rowErrors.warehouseId}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={`Shipping process for ${row.locationName}`}
                        data={[
                          { value: '', label: row.warehouseId ? 'Choose a process' : 'Pick a warehouse first' },
                          ...processesOf(row.warehouseId, processes).map((p) => ({ value: p.id, label: labelOf(p.id, processes) })),
                        ]}
                        value={row.shippingProcessId ?? ''}
                        disabled={!row.warehouseId && !row.shippingProcessId}
                        onChange={(e) => setRow(index, row.warehouseId, e.currentTarget.value || null)}
                        error={rowErrors.shippingProcessId}
                      />
                    </Table.Td>
                  </>
                ) : (
                  <>
                    <Table.Td>
                      {isDefault ? (
                        <Badge variant="light" radius="sm">
                          Default
                        </Badge>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>{labelOf(row.warehouseId, warehouses)}</Table.Td>
                    <Table.Td>{row.shippingProcessId ? labelOf(row.shippingProcessId, processes) : '—'}</Table.Td>
                  </>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={2} size="h3">
          Location mappings
        </Title>
        <Text c="dimmed" size="sm">
          Map each Shopify location that holds stock to the warehouse behind it and how its orders ship; leave the others unmapped. One
          mapped location (Default) takes the orders whose location is not mapped. A warehouse backs one location at most.
        </Text>
      </Stack>
      {stale.length > 0 && (
        <Alert color="yellow" title="Locations gone from the shop">
          {stale.length} saved mapping{stale.length === 1 ? ' is' : 's are'} for a location Shopify no longer lists (
          {stale.map((m) => m.locationId).join(', ')}); {canEdit ? 'saving drops it.' : 'an admin can save again to drop it.'}
        </Alert>
      )}
      {locations.length === 0 ? (
        <Text>The shop has no active locations.</Text>
      ) : canEdit ? (
        <form onSubmit={submit} aria-label="Location mappings" noValidate>
          <Stack gap="md">
            {failure !== null && <ErrorAlert error={failure} title="The mappings were not saved" />}
            {errors.other.length > 0 && (
              <Alert color="red" title="Check the warehouses">
                {errors.other.join(' ')}
              </Alert>
            )}
            {table}
            {errors.isDefault && (
              <Text c="red.9" size="sm" id="default-location-error">
                Default for new orders: {errors.isDefault}. Pick one mapped location as the default.
              </Text>
            )}
            <Group gap="sm">
              <Button type="submit" loading={save.isPending}>
                Save mappings
              </Button>
              {/* Always rendered, so screen readers announce "Saved" when it appears. */}
              <Text fw={600} role="status">
                {saved ? 'Saved' : ''}
              </Text>
            </Group>
          </Stack>
        </form>
      ) : (
        <>
          {table}
          <Text c="dimmed" size="sm">
            Only admins change location mappings.
          </Text>
        </>
      )}
    </Stack>
  );
}
