import { useState } from 'react';
import { Checkbox, NativeSelect, NumberInput, SimpleGrid, Switch, Textarea, TextInput } from '@mantine/core';
import {
  BEHAVIOUR_LABELS,
  INVENTORY_BEHAVIOURS,
  joorPatch,
  joorSummary,
  joorValues,
  MIN_INTERVAL_MINUTES,
  NOTE_FIELDS,
  type JoorValues,
} from './joor-settings';
import { useShopifyLocations } from './location-mappings.api';
import { SettingsSection } from './settings-section';
import { enumLabel, type Settings } from './store-settings';
import { useSettingsSave } from './store-settings.api';
import { TaxRatesField } from './tax-rates-field';

interface JoorSettingsFormProps {
  storeId: string;
  /** The Shopify store JOOR orders are exported to; its locations are the choices. */
  targetStoreId: string | null;
  settings: Settings;
  canEdit: boolean;
}

/** A JOOR store's export: how often, fulfilled where, stock handling, taxes, the order note and who hears of failures. */
export function JoorSettingsForm({ storeId, targetStoreId, settings, canEdit }: JoorSettingsFormProps) {
  const save = useSettingsSave(storeId);
  const locations = useShopifyLocations(targetStoreId);
  const [values, setValues] = useState<JoorValues>(() => joorValues(settings));
  const change = (patch: Partial<JoorValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    save.edited();
  };
  const shown = canEdit ? values : joorValues(settings);
  const locationName = shown.locationId
    ? (locations.data?.find((l) => l.id === shown.locationId)?.name ?? shown.locationId)
    : "Shopify's own assignment";

  const locationOptions = [
    { value: '', label: "Shopify's own assignment" },
    ...(locations.data ?? []).map((l) => ({ value: l.id, label: l.name })),
    // A saved location the shop no longer lists stays selectable, so saving other fields does not drop it silently.
    ...(values.locationId && locations.data && !locations.data.some((l) => l.id === values.locationId)
      ? [{ value: values.locationId, label: `${values.locationId} (not listed by the shop)` }]
      : []),
  ];

  return (
    <SettingsSection
      title="JOOR export"
      description="Approved JOOR orders are exported to the linked Shopify store on a schedule."
      canEdit={canEdit}
      saveLabel="Save JOOR settings"
      save={save}
      onSubmit={() => void save.save(joorPatch(values))}
      summary={joorSummary(shown, locationName)}
    >
      <NumberInput
        label="Export interval (minutes)"
        description={`How often approved orders are fetched and exported: at least ${MIN_INTERVAL_MINUTES}, at most 1440 (a day)`}
        value={values.intervalMinutes}
        onChange={(value) => change({ intervalMinutes: String(value) })}
        allowDecimal={false}
        clampBehavior="none"
        min={MIN_INTERVAL_MINUTES}
        max={1440}
        maw={420}
        error={save.errorOf('intervalMinutes')}
      />
      <Switch
        label="Create orders as fulfilled"
        description="Without a location, they are fulfilled wherever Shopify assigns them"
        checked={values.syncAsFulfilled}
        onChange={(e) => change({ syncAsFulfilled: e.currentTarget.checked })}
        error={save.errorOf('syncAsFulfilled')}
      />
      {locations.isError || !targetStoreId ? (
        <TextInput
          label="Location"
          description="A Shopify location GID (gid://shopify/Location/…) orders are assigned to and fulfilled from; empty: Shopify's own assignment"
          value={values.locationId}
          onChange={(e) => change({ locationId: e.currentTarget.value.trim() })}
          error={save.errorOf('locationId')}
        />
      ) : (
        <NativeSelect
          label="Location"
          description="The Shopify location exported orders are assigned to; it also fulfils them"
          data={locationOptions}
          value={values.locationId}
          onChange={(e) => change({ locationId: e.currentTarget.value })}
          disabled={locations.isPending}
          error={save.errorOf('locationId')}
        />
      )}
      <NativeSelect
        label="Stock handling"
        description="Decrementing also requires every unit to be available in Shopify before an order is exported; bypass leaves stock alone"
        data={INVENTORY_BEHAVIOURS.map((b) => ({ value: b, label: BEHAVIOUR_LABELS[b] }))}
        value={values.inventoryBehaviour}
        onChange={(e) => change({ inventoryBehaviour: INVENTORY_BEHAVIOURS.find((b) => b === e.currentTarget.value) ?? 'bypass' })}
        error={save.errorOf('inventoryBehaviour')}
      />
      <TaxRatesField rows={values.taxByCountry} onChange={(taxByCountry) => change({ taxByCountry })} errorOf={save.errorOf} />
      <Checkbox.Group
        label="Note fields"
        description="Facts of the JOOR order written into the exported order's note"
        value={values.noteFields}
        onChange={(noteFields) => change({ noteFields })}
        error={save.errorOf('noteFields')}
      >
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" mt="xs">
          {NOTE_FIELDS.map((field) => (
            <Checkbox key={field} value={field} label={enumLabel(field)} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <Textarea
        label="Alert addresses"
        description="Who receives the digest of failed exports: one address per line (at most 20)"
        autosize
        minRows={2}
        value={values.alertEmails}
        onChange={(e) => change({ alertEmails: e.currentTarget.value })}
        error={save.errorOf('alertEmails')}
      />
    </SettingsSection>
  );
}
