import { useState } from 'react';
import { Alert, NumberInput, Radio, Stack, Switch } from '@mantine/core';
import { SettingsSection } from './settings-section';
import { stockSyncPatch, stockSyncSummary, stockSyncValues, type Settings, type StockSyncValues } from './store-settings';
import { useSettingsSave } from './store-settings.api';

/** Stock sync: on/off, absolute or delta writes, and the window changes are gathered in. */
export function StockSyncForm({ storeId, settings, canEdit }: { storeId: string; settings: Settings; canEdit: boolean }) {
  const save = useSettingsSave(storeId);
  const [values, setValues] = useState<StockSyncValues>(() => stockSyncValues(settings));
  const change = (patch: Partial<StockSyncValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    save.edited();
  };

  return (
    <SettingsSection
      title="Stock sync"
      description="The warehouse's available stock sent to the mapped Shopify locations. Needs location mappings and mapped products."
      canEdit={canEdit}
      saveLabel="Save stock sync"
      save={save}
      onSubmit={() => void save.save(stockSyncPatch(values))}
      summary={stockSyncSummary(canEdit ? values : stockSyncValues(settings))}
    >
      <Switch
        label="Stock sync on"
        description="Send stock changes to the channel"
        checked={values.enabled}
        onChange={(e) => change({ enabled: e.currentTarget.checked })}
        error={save.errorOf('stockSync.enabled')}
      />
      <Radio.Group
        label="Mode"
        value={values.mode}
        onChange={(mode) => change({ mode: mode === 'delta' ? 'delta' : 'absolute' })}
        error={save.errorOf('stockSync.mode')}
      >
        <Stack gap="xs" mt="xs">
          <Radio
            value="delta"
            label="Delta"
            description="Sends only the change since the last push and leaves edits made in Shopify in place; turning it on takes today's quantities as the baseline."
          />
          <Radio
            value="absolute"
            label="Absolute"
            description="Sets Shopify's quantity to the warehouse's available stock; edits made in Shopify are set back."
          />
        </Stack>
      </Radio.Group>
      <Alert color="blue" variant="light" title="Which mode?">
        Delta is recommended when first connecting a store. Switch to Absolute once you have checked that the stock counts in Shopify and
        the warehouse agree.
      </Alert>
      <NumberInput
        label="Window (seconds)"
        description="Changes to one item within the window go in one push at its end, so a change takes up to this long to arrive (1 to 3600)."
        value={values.windowSeconds}
        onChange={(value) => change({ windowSeconds: String(value) })}
        allowDecimal={false}
        clampBehavior="none"
        min={1}
        max={3600}
        maw={420}
        error={save.errorOf('stockSync.windowSeconds')}
      />
    </SettingsSection>
  );
}
