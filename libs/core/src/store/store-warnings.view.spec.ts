import { storeWarnings } from './store-warnings.view';

describe('storeWarnings', () => {
  const store = (stockSync: unknown): { id: string; settings: Record<string, unknown> } => ({ id: 'S1', settings: { stockSync } });

  it('warns, with the route that helps, when stock sync is on and no location or no product is mapped', () => {
    expect(storeWarnings(store({ enabled: true }), { locations: false, products: false })).toEqual([
      'Stock sync is on, but no location is mapped to a warehouse: nothing will be pushed until you map one (PUT /stores/S1/location-mappings)',
      'Stock sync is on, but no product is mapped to a channel item: nothing will be pushed until products are mapped (POST /stores/S1/product-sync)',
    ]);
    expect(storeWarnings(store({ enabled: true }), { locations: true, products: false })).toEqual([
      expect.stringContaining('no product is mapped'),
    ]);
    expect(storeWarnings(store({ enabled: true }), { locations: false, products: true })).toEqual([
      expect.stringContaining('no location is mapped'),
    ]);
  });

  it('says nothing when everything is mapped, stock sync is off, or the channel has no stock sync', () => {
    expect(storeWarnings(store({ enabled: true }), { locations: true, products: true })).toEqual([]);
    expect(storeWarnings(store({ enabled: false }), { locations: false, products: false })).toEqual([]);
    expect(storeWarnings({ id: 'J1', settings: { intervalMinutes: 15 } }, { locations: false, products: false })).toEqual([]);
  });
});
