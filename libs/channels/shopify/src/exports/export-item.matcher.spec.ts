import type { WholesaleItemRef } from '@gantry/core';
import { ExportItemMatcher, type ExportItemCandidates, type ExportVariantNode } from './export-item.matcher';

const V = 'gid://shopify/ProductVariant/';
const P = 'gid://shopify/Product/';

const ref = (over: Partial<WholesaleItemRef> = {}): WholesaleItemRef => ({
  upc: null,
  styleIdentifier: null,
  styleNumber: null,
  sku: null,
  color: null,
  size: null,
  ...over,
});

const variant = (id: number, over: Partial<ExportVariantNode> = {}): ExportVariantNode => ({
  id: `${V}${id}`,
  sku: `SKU-${id}`,
  barcode: null,
  selectedOptions: [{ value: 'Default Title' }],
  ...over,
});

const found = (over: Partial<ExportItemCandidates> = {}): ExportItemCandidates => ({
  byId: new Map(),
  byBarcode: [],
  byProduct: new Map(),
  bySku: [],
  ...over,
});

const options = (...values: string[]) => values.map((value) => ({ value }));

describe('ExportItemMatcher: what a reference asks Shopify for', () => {
  it('reads numeric UPCs and style identifiers as ids (64-bit, no leading zero), GIDs as they are', () => {
    expect(ExportItemMatcher.upcVariantId(ref({ upc: ' 123 ' }))).toBe(`${V}123`);
    expect(ExportItemMatcher.upcVariantId(ref({ upc: `${V}5` }))).toBe(`${V}5`);
    expect(ExportItemMatcher.upcVariantId(ref({ upc: '012345678905' }))).toBeNull();
    expect(ExportItemMatcher.upcVariantId(ref({ upc: '9223372036854775808' }))).toBeNull();
    expect(ExportItemMatcher.upcVariantId(ref({ upc: '9223372036854775807' }))).toBe(`${V}9223372036854775807`);
    expect(ExportItemMatcher.upcVariantId(ref({ upc: 'ABC-1' }))).toBeNull();
    expect(ExportItemMatcher.productId(ref({ styleIdentifier: '77' }))).toBe(`${P}77`);
    expect(ExportItemMatcher.productId(ref({ styleIdentifier: 'STYLE-77' }))).toBeNull();
    expect(ExportItemMatcher.barcode(ref({ upc: ' 012345678905 ' }))).toBe('012345678905');
    expect(ExportItemMatcher.skus(ref({ sku: 'A', styleNumber: 'B' }))).toEqual(['A', 'B']);
    expect(ExportItemMatcher.skus(ref({ sku: null, styleNumber: 'B' }))).toEqual(['B']);
    expect(ExportItemMatcher.skus(ref({ sku: 'A', styleNumber: 'A' }))).toEqual(['A']);
  });
});

describe('ExportItemMatcher.match: precedence (research §8.2)', () => {
  const all = found({
    byId: new Map([[`${V}1`, variant(1)]]),
    byBarcode: [variant(2, { barcode: '1' }), variant(3, { barcode: '0999' })],
    byProduct: new Map([
      [`${P}10`, [variant(4, { selectedOptions: options('Red', 'M') }), variant(5, { selectedOptions: options('Red', 'L') })]],
    ]),
    bySku: [variant(6, { sku: 'S-6' }), variant(7, { sku: 'STYLE-7' })],
  });

  it('1: the UPC as the variant id wins over everything else', () => {
    expect(ExportItemMatcher.match(ref({ upc: '1', styleIdentifier: '10', color: 'red', size: 'm', sku: 'S-6' }), all)?.id).toBe(`${V}1`);
  });

  it('2: else the UPC as a barcode', () => {
    expect(ExportItemMatcher.match(ref({ upc: '0999', styleIdentifier: '10', color: 'red', size: 'm' }), all)?.id).toBe(`${V}3`);
  });

  it('3: else the style identifier as product id with colour and size among the option values, case-insensitive', () => {
    expect(ExportItemMatcher.match(ref({ upc: '404', styleIdentifier: '10', color: 'RED', size: ' l ', sku: 'S-6' }), all)?.id).toBe(
      `${V}5`,
    );
  });

  it('4: else the SKU, then the style number as SKU', () => {
    expect(ExportItemMatcher.match(ref({ styleIdentifier: '10', color: 'Blue', size: 'M', sku: 'S-6' }), all)?.id).toBe(`${V}6`);
    expect(ExportItemMatcher.match(ref({ sku: 'nope', styleNumber: 'style-7' }), all)?.id).toBe(`${V}7`);
  });

  it('none: an unknown style, a product id that is no product, nothing to go by', () => {
    expect(ExportItemMatcher.match(ref({ upc: '404', styleIdentifier: '99', color: 'Red', size: 'M', sku: 'X' }), all)).toBeNull();
    expect(ExportItemMatcher.match(ref(), all)).toBeNull();
  });

  it('ambiguity never guesses: a barcode on two variants falls through to the next rule', () => {
    const twice = found({ byBarcode: [variant(2, { barcode: '5' }), variant(3, { barcode: '5' })], bySku: [variant(8, { sku: 'S' })] });
    expect(ExportItemMatcher.match(ref({ upc: '5', sku: 'S' }), twice)?.id).toBe(`${V}8`);
    expect(ExportItemMatcher.match(ref({ upc: '5' }), twice)).toBeNull();
    // The same variant found twice is one candidate.
    expect(
      ExportItemMatcher.match(ref({ upc: '5' }), found({ byBarcode: [variant(2, { barcode: '5' }), variant(2, { barcode: '5' })] }))?.id,
    ).toBe(`${V}2`);
  });
});

describe('ExportItemMatcher.byOptions', () => {
  const tees = [
    variant(1, { selectedOptions: options('Red', 'S') }),
    variant(2, { selectedOptions: options('Red', 'M') }),
    variant(3, { selectedOptions: options('Blue', 'M') }),
  ];

  it('a product of one variant matches without options', () => {
    expect(ExportItemMatcher.byOptions(ref(), [variant(9)])?.id).toBe(`${V}9`);
    expect(ExportItemMatcher.byOptions(ref({ color: 'Green', size: 'XL' }), [variant(9)])?.id).toBe(`${V}9`);
  });

  it('colour and size both count; either alone matches only when it names one variant', () => {
    expect(ExportItemMatcher.byOptions(ref({ color: 'blue', size: 'm' }), tees)?.id).toBe(`${V}3`);
    expect(ExportItemMatcher.byOptions(ref({ color: 'Blue' }), tees)?.id).toBe(`${V}3`);
    expect(ExportItemMatcher.byOptions(ref({ color: 'Red' }), tees)).toBeNull();
    expect(ExportItemMatcher.byOptions(ref({ size: 'S' }), tees)?.id).toBe(`${V}1`);
    expect(ExportItemMatcher.byOptions(ref({ color: 'Red', size: 'XL' }), tees)).toBeNull();
    expect(ExportItemMatcher.byOptions(ref(), tees)).toBeNull();
  });
});

describe('ExportItemMatcher.available', () => {
  it('at a location: its level, 0 when not stocked there; untracked: null; not read: undefined', () => {
    expect(ExportItemMatcher.available({ tracked: true, inventoryLevel: { quantities: [{ quantity: 7 }] } })).toBe(7);
    expect(ExportItemMatcher.available({ tracked: true, inventoryLevel: null })).toBe(0);
    expect(ExportItemMatcher.available({ tracked: false, inventoryLevel: { quantities: [{ quantity: 7 }] } })).toBeNull();
    expect(ExportItemMatcher.available(undefined)).toBeUndefined();
  });

  it('summed over active locations only', () => {
    expect(
      ExportItemMatcher.available({
        tracked: true,
        inventoryLevels: {
          nodes: [
            { location: { isActive: true }, quantities: [{ quantity: 4 }] },
            { location: { isActive: false }, quantities: [{ quantity: 100 }] },
            { location: { isActive: true }, quantities: [{ quantity: -1 }] },
          ],
          pageInfo: { hasNextPage: false, endCursor: null },
        },
      }),
    ).toBe(3);
  });
});
