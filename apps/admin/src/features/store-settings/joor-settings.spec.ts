import { joorPatch, joorSummary, joorValues } from './joor-settings';

const joor = {
  locationId: null,
  noteFields: ['paymentTerms', 'shippingMethod'],
  alertEmails: ['a@example.com', 'b@example.com'],
  taxByCountry: [{ countryCode: 'DE', title: 'MwSt', rate: '0.19' }],
  intervalMinutes: 15,
  syncAsFulfilled: false,
  inventoryBehaviour: 'bypass',
};

describe('JOOR', () => {
  it('reads the settings and sends them back as the API takes them', () => {
    const values = joorValues(joor);
    expect(values).toMatchObject({
      intervalMinutes: '15',
      locationId: '',
      inventoryBehaviour: 'bypass',
      alertEmails: 'a@example.com\nb@example.com',
    });
    expect(
      joorPatch({
        ...values,
        intervalMinutes: '10',
        locationId: 'gid://shopify/Location/1',
        taxByCountry: [{ countryCode: ' at ', title: ' USt ', rate: '0.2' }],
        noteFields: ['shippingMethod', 'paymentTerms', 'season'],
        alertEmails: 'a@example.com\n, c@example.com\n',
      }),
    ).toEqual({
      intervalMinutes: 10,
      syncAsFulfilled: false,
      locationId: 'gid://shopify/Location/1',
      inventoryBehaviour: 'bypass',
      taxByCountry: [{ countryCode: 'AT', title: 'USt', rate: '0.2' }],
      noteFields: ['paymentTerms', 'shippingMethod', 'season'],
      alertEmails: ['a@example.com', 'c@example.com'],
    });
  });

  it("sends no location as null (the Shopify store's own assignment)", () => {
    expect(joorPatch(joorValues(joor)).locationId).toBeNull();
  });

  it('lists the settings for people who may not edit', () => {
    const summary = joorSummary(joorValues(joor), 'Shopify decides');
    expect(summary).toContainEqual(['Tax per country', 'DE MwSt 0.19']);
    expect(summary).toContainEqual(['Stock handling', 'Bypass the stock check (stock left alone)']);
  });
});
