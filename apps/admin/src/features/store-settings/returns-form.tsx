import { useState } from 'react';
import { Switch } from '@mantine/core';
import { SettingsSection } from './settings-section';
import { returnPatch, returnSummary, returnValues, type ReturnValues, type Settings } from './store-settings';
import { useSettingsSave } from './store-settings.api';

/** Returns in: channel returns become expected warehouse returns, optionally closed once received. */
export function ReturnsForm({ storeId, settings, canEdit }: { storeId: string; settings: Settings; canEdit: boolean }) {
  const save = useSettingsSave(storeId);
  const [values, setValues] = useState<ReturnValues>(() => returnValues(settings));
  const change = (patch: Partial<ReturnValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    save.edited();
  };

  return (
    <SettingsSection
      title="Returns"
      description="Returns approved on the channel become expected returns in the warehouse; what is received is recorded back."
      canEdit={canEdit}
      saveLabel="Save returns"
      save={save}
      onSubmit={() => void save.save(returnPatch(values))}
      summary={returnSummary(canEdit ? values : returnValues(settings))}
    >
      <Switch
        label="Return sync on"
        checked={values.enabled}
        onChange={(e) => change({ enabled: e.currentTarget.checked })}
        error={save.errorOf('returns.enabled')}
      />
      <Switch
        label="Close returns when received"
        description="Close the return on the channel once every unit is received and recorded there"
        checked={values.autoClose}
        onChange={(e) => change({ autoClose: e.currentTarget.checked })}
        error={save.errorOf('returns.autoClose')}
      />
    </SettingsSection>
  );
}
