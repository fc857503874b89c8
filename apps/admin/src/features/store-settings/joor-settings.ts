/**
 * A JOOR store's wholesale export settings as the form edits them, and the PATCH body built from them: pure, so they are
 * unit-tested. The small readers they share with the other settings live in store-settings.ts.
 */

import { bool, listOrAny, onOff, splitList, strings, text, toInteger, type Settings } from './store-settings';

// The API's WholesaleExportSettings values.
export const INVENTORY_BEHAVIOURS = ['decrement_ignoring_policy', 'decrement_obeying_policy', 'bypass'] as const;
export const NOTE_FIELDS = [
  'paymentTerms',
  'shippingMethod',
  'linesheet',
  'shipWindow',
  'season',
  'salesRep',
  'customerPo',
  'warehouse',
  'customerCode',
] as const;
export const MIN_INTERVAL_MINUTES = 15;

export interface TaxRow {
  countryCode: string;
  title: string;
  rate: string;
}

export type InventoryBehaviour = (typeof INVENTORY_BEHAVIOURS)[number];

export const BEHAVIOUR_LABELS: Record<InventoryBehaviour, string> = {
  decrement_ignoring_policy: 'Decrement stock, ignoring the inventory policy (checks stock first)',
  decrement_obeying_policy: 'Decrement stock, obeying the inventory policy (checks stock first)',
  bypass: 'Bypass the stock check (stock left alone)',
};

export interface JoorValues {
  intervalMinutes: string;
  syncAsFulfilled: boolean;
  /** '' for the Shopify store's own assignment. */
  locationId: string;
  inventoryBehaviour: InventoryBehaviour;
  taxByCountry: TaxRow[];
  noteFields: string[];
  /** One address per line. */
  alertEmails: string;
}

export function joorValues(settings: Settings): JoorValues {
  const behaviour = INVENTORY_BEHAVIOURS.find((b) => b === settings.inventoryBehaviour) ?? 'decrement_ignoring_policy';
  const taxes = Array.isArray(settings.taxByCountry) ? (settings.taxByCountry as unknown[]) : [];
  return {
    intervalMinutes: text(settings.intervalMinutes ?? MIN_INTERVAL_MINUTES),
    syncAsFulfilled: bool(settings.syncAsFulfilled, false),
    locationId: typeof settings.locationId === 'string' ? settings.locationId : '',
    inventoryBehaviour: behaviour,
    taxByCountry: taxes.map((t) => {
      const tax = t && typeof t === 'object' ? (t as Settings) : {};
      return { countryCode: text(tax.countryCode), title: text(tax.title), rate: text(tax.rate) };
    }),
    noteFields: strings(settings.noteFields),
    alertEmails: strings(settings.alertEmails).join('\n'),
  };
}

export function joorPatch(values: JoorValues): Settings {
  return {
    intervalMinutes: toInteger(values.intervalMinutes),
    syncAsFulfilled: values.syncAsFulfilled,
    locationId: values.locationId === '' ? null : values.locationId,
    inventoryBehaviour: values.inventoryBehaviour,
    // Country codes are upper case in the API; a lower-case one typed is what was meant.
    taxByCountry: values.taxByCountry.map((t) => ({
      countryCode: t.countryCode.trim().toUpperCase(),
      title: t.title.trim(),
      rate: t.rate.trim(),
    })),
    noteFields: NOTE_FIELDS.filter((f) => values.noteFields.includes(f)),
    alertEmails: splitList(values.alertEmails),
  };
}

// ---- Read-only view ----

export function joorSummary(values: JoorValues, locationName: string): Array<[string, string]> {
  const taxes = values.taxByCountry.map((t) => `${t.countryCode} ${t.title} ${t.rate}`).join('; ');
  return [
    ['Export interval', `${values.intervalMinutes} minutes`],
    ['Create as fulfilled', onOff(values.syncAsFulfilled)],
    ['Location', locationName],
    ['Stock handling', BEHAVIOUR_LABELS[values.inventoryBehaviour]],
    ['Tax per country', taxes || 'None'],
    ['Note fields', listOrAny(values.noteFields, 'None')],
    ['Alert addresses', splitList(values.alertEmails).join(', ') || 'None'],
  ];
}
