/**
 * Carrier names as Shopify's tracking company list spells them ("capitalization matters"): with one of these, Shopify
 * builds the tracking link itself. Keys are lower-case names or codes a warehouse may use.
 */
const SHOPIFY_COMPANIES: Readonly<Record<string, string>> = {
  ups: 'UPS',
  usps: 'USPS',
  fedex: 'FedEx',
  'fed ex': 'FedEx',
  dhl: 'DHL Express',
  'dhl express': 'DHL Express',
  dhl_express: 'DHL Express',
  'dhl ecommerce': 'DHL eCommerce',
  dhl_ecommerce: 'DHL eCommerce',
  'deutsche post': 'Deutsche Post',
  dpd: 'DPD',
  'dpd uk': 'DPD UK',
  'dpd local': 'DPD Local',
  gls: 'GLS',
  tnt: 'TNT',
  postnl: 'PostNL',
  bpost: 'BPost',
  'la poste': 'La Poste',
  colissimo: 'Colissimo',
  chronopost: 'Chronopost',
  'mondial relay': 'Mondial Relay',
  'royal mail': 'Royal Mail',
  evri: 'Evri',
  correos: 'Correos',
  'poste italiane': 'Poste Italiane',
  'swiss post': 'Swiss Post',
  'canada post': 'Canada Post',
  purolator: 'Purolator',
  'australia post': 'Australia Post',
  'new zealand post': 'New Zealand Post',
  'japan post': 'Japan Post (EN)',
  ontrac: 'OnTrac',
  'amazon logistics': 'Amazon',
  'an post': 'An Post',
  'china post': 'China Post',
  canpar: 'Canpar',
  startrack: 'StarTrack',
  yunexpress: 'YunExpress',
};

/** Shopify's name for a carrier when it has one (so it builds the link); otherwise the carrier as given. */
export function shopifyTrackingCompany(carrier: string | null): { company: string | null; known: boolean } {
  if (!carrier || carrier.trim() === '') {
    return { company: null, known: false };
  }
  const key = carrier.trim().toLowerCase().replace(/_/g, ' ');
  const known = SHOPIFY_COMPANIES[key] ?? SHOPIFY_COMPANIES[carrier.trim().toLowerCase()];
  return known ? { company: known, known: true } : { company: carrier.trim(), known: false };
}
