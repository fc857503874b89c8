import { missingScopes, SHOPIFY_REQUIRED_SCOPES } from './shopify-scopes';

describe('missingScopes', () => {
  it('is empty for the full grant, and write_x covers read_x', () => {
    expect(missingScopes([...SHOPIFY_REQUIRED_SCOPES])).toEqual([]);
    expect(missingScopes(SHOPIFY_REQUIRED_SCOPES.filter((s) => !s.startsWith('read_') || s === 'read_locations'))).toEqual([]);
  });

  it('lists what is not granted', () => {
    expect(
      missingScopes(['read_products', 'write_inventory'], ['read_products', 'write_products', 'read_inventory', 'read_orders']),
    ).toEqual(['write_products', 'read_orders']);
  });
});
