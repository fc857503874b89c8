/**
 * Carriers the warehouse knows by code, with their usual name. A shipment names its carrier by code or by name (any
 * case); channels map these to their own carrier lists. A carrier not listed here needs a tracking URL per parcel, or
 * customers would get a number with nowhere to follow it.
 */
export class CarrierCatalog {
  static readonly CARRIERS: Readonly<Record<string, string>> = {
    ups: 'UPS',
    usps: 'USPS',
    fedex: 'FedEx',
    dhl: 'DHL',
    dhl_express: 'DHL Express',
    dhl_ecommerce: 'DHL eCommerce',
    deutsche_post: 'Deutsche Post',
    dpd: 'DPD',
    dpd_uk: 'DPD UK',
    gls: 'GLS',
    tnt: 'TNT',
    postnl: 'PostNL',
    bpost: 'bpost',
    la_poste: 'La Poste',
    colissimo: 'Colissimo',
    chronopost: 'Chronopost',
    mondial_relay: 'Mondial Relay',
    royal_mail: 'Royal Mail',
    evri: 'Evri',
    parcelforce: 'Parcelforce',
    correos: 'Correos',
    poste_italiane: 'Poste Italiane',
    swiss_post: 'Swiss Post',
    austrian_post: 'Austrian Post',
    postnord: 'PostNord',
    canada_post: 'Canada Post',
    purolator: 'Purolator',
    australia_post: 'Australia Post',
    new_zealand_post: 'New Zealand Post',
    japan_post: 'Japan Post',
    ontrac: 'OnTrac',
    amazon_logistics: 'Amazon Logistics',
  };

  private static readonly byName = new Map(
    Object.entries(CarrierCatalog.CARRIERS).flatMap(([code, name]) => [
      [code, code],
      [name.toLowerCase(), code],
      [code.replace(/_/g, ' '), code],
    ]),
  );

  /** The code of a known carrier given by code or name; null when unknown. */
  static codeOf(carrier: string): string | null {
    return CarrierCatalog.byName.get(carrier.trim().toLowerCase()) ?? null;
  }
}
