import { useState } from 'react';
import { Checkbox, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { OrderFilterPreview } from './order-filter-preview';
import { SettingsSection } from './settings-section';
import {
  enumLabel,
  FINANCIAL_STATUSES,
  FULFILLMENT_STATUSES,
  ORDER_STATUSES,
  orderPatch,
  orderSummary,
  orderValues,
  previewQuery,
  type OrderValues,
  type Settings,
} from './store-settings';
import { useSettingsSave } from './store-settings.api';

type ListField = 'statuses' | 'financialStatuses' | 'fulfillmentStatuses';

const STATUS_GROUPS: Array<{ field: ListField; label: string; values: readonly string[] }> = [
  { field: 'statuses', label: 'Order statuses', values: ORDER_STATUSES },
  { field: 'financialStatuses', label: 'Payment statuses', values: FINANCIAL_STATUSES },
  { field: 'fulfillmentStatuses', label: 'Fulfillment statuses', values: FULFILLMENT_STATUSES },
];

/** Orders in: which channel orders the warehouse imports (with a live preview), and shipment notifications. */
export function OrderSettingsForm({ storeId, settings, canEdit }: { storeId: string; settings: Settings; canEdit: boolean }) {
  const save = useSettingsSave(storeId);
  const [values, setValues] = useState<OrderValues>(() => orderValues(settings));
  const hasFulfillment = 'fulfillment' in settings;
  const change = (patch: Partial<OrderValues>) => {
    setValues((current) => ({ ...current, ...patch }));
    save.edited();
  };

  return (
    <SettingsSection
      title="Orders"
      description="Which orders the warehouse imports. An empty filter means any; filters decide the import only, an imported order follows every later change."
      canEdit={canEdit}
      saveLabel="Save orders"
      save={save}
      onSubmit={() => void save.save(orderPatch(values, hasFulfillment))}
      summary={orderSummary(canEdit ? values : orderValues(settings), hasFulfillment)}
      footer={<OrderFilterPreview storeId={storeId} queryFor={(days) => (canEdit ? previewQuery(values, days) : null)} />}
    >
      {STATUS_GROUPS.map((group) => (
        <Checkbox.Group
          key={group.field}
          label={group.label}
          description="None checked: any"
          value={values[group.field]}
          onChange={(checked) => change({ [group.field]: checked })}
          error={save.errorOf(`orderFilters.${group.field}`)}
        >
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="xs" mt="xs">
            {group.values.map((value) => (
              <Checkbox key={value} value={value} label={enumLabel(value)} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
      ))}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Only orders tagged with any of"
          description="Comma-separated; compared without case; empty: any"
          value={values.tagsAnyOf}
          onChange={(e) => change({ tagsAnyOf: e.currentTarget.value })}
          error={save.errorOf('orderFilters.tagsAnyOf')}
        />
        <TextInput
          label="Skip orders tagged with any of"
          description="Comma-separated, e.g. wholesale, test"
          value={values.tagsNoneOf}
          onChange={(e) => change({ tagsNoneOf: e.currentTarget.value })}
          error={save.errorOf('orderFilters.tagsNoneOf')}
        />
      </SimpleGrid>
      <TextInput
        type="date"
        label="Only orders created on or after"
        description="The start of that day in UTC; empty: no limit (e.g. leave out orders from before the warehouse took over)"
        value={values.createdOnOrAfter}
        onChange={(e) => change({ createdOnOrAfter: e.currentTarget.value })}
        error={save.errorOf('orderFilters.createdOnOrAfter')}
        maw={420}
      />
      {hasFulfillment && (
        <Switch
          label="Notify the customer when an order ships"
          description="The channel sends its shipping confirmation when a fulfillment is created or its tracking changes"
          checked={values.notifyCustomer}
          onChange={(e) => change({ notifyCustomer: e.currentTarget.checked })}
          error={save.errorOf('fulfillment.notifyCustomer')}
        />
      )}
    </SettingsSection>
  );
}
