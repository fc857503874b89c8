import { shopifyTrackingCompany } from './shopify-carrier.map';

describe('shopifyTrackingCompany', () => {
  it("maps warehouse names and codes to Shopify's exact spelling", () => {
    expect(shopifyTrackingCompany('dhl_express')).toEqual({ company: 'DHL Express', known: true });
    expect(shopifyTrackingCompany('DHL Express')).toEqual({ company: 'DHL Express', known: true });
    expect(shopifyTrackingCompany('fedex')).toEqual({ company: 'FedEx', known: true });
    expect(shopifyTrackingCompany('bpost')).toEqual({ company: 'BPost', known: true });
    expect(shopifyTrackingCompany(' Royal Mail ')).toEqual({ company: 'Royal Mail', known: true });
  });

  it('keeps a carrier Shopify does not list as given (the URL makes it followable)', () => {
    expect(shopifyTrackingCompany('Kurierdienst Müller')).toEqual({ company: 'Kurierdienst Müller', known: false });
  });

  it('sends no company for an empty carrier', () => {
    expect(shopifyTrackingCompany('  ')).toEqual({ company: null, known: false });
    expect(shopifyTrackingCompany(null)).toEqual({ company: null, known: false });
  });
});
