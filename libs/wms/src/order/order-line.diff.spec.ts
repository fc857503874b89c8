import type { WarehouseOrderLine } from '@gantry/core';
import { describeLineChanges, diffOrderLines, reservationFor, sameJson, type CurrentOrderLine } from './order-line.diff';

const stored = (over: Partial<CurrentOrderLine> & { id: string }): CurrentOrderLine => ({
  externalLineId: `x-${over.id}`,
  sku: 'A',
  productId: 'pA',
  quantity: 2,
  shippedQuantity: 0,
  reservedQuantity: 2,
  problem: null,
  ...over,
});
const wanted = (over: Partial<WarehouseOrderLine> & { externalLineId: string }): WarehouseOrderLine => ({
  sku: 'A',
  productId: 'pA',
  quantity: 2,
  problem: null,
  ...over,
});

describe('diffOrderLines', () => {
  it('finds nothing when the lines are the same', () => {
    expect(diffOrderLines([stored({ id: '1' })], [wanted({ externalLineId: 'x-1' })])).toEqual({
      changes: [],
      inserts: [],
      updates: [],
      moves: [],
    });
  });

  it('moves the reservation by the difference of a changed quantity', () => {
    const up = diffOrderLines([stored({ id: '1' })], [wanted({ externalLineId: 'x-1', quantity: 5 })]);
    expect(up.updates).toEqual([{ id: '1', sku: 'A', productId: 'pA', quantity: 5, reservedQuantity: 5, problem: null }]);
    expect(up.moves).toEqual([{ productId: 'pA', sku: 'A', reservedDelta: 3 }]);
    expect(up.changes).toEqual([
      { externalLineId: 'x-1', sku: 'A', from: { quantity: 2, productId: 'pA' }, to: { quantity: 5, productId: 'pA' } },
    ]);

    const down = diffOrderLines([stored({ id: '1' })], [wanted({ externalLineId: 'x-1', quantity: 1 })]);
    expect(down.moves).toEqual([{ productId: 'pA', sku: 'A', reservedDelta: -1 }]);
  });

  it('inserts and reserves a new line; a new line without a product reserves nothing', () => {
    const diff = diffOrderLines(
      [stored({ id: '1' })],
      [
        wanted({ externalLineId: 'x-1' }),
        wanted({ externalLineId: 'x-2', sku: 'B', productId: 'pB', quantity: 3 }),
        wanted({ externalLineId: 'x-3', sku: 'C', productId: null, quantity: 4, problem: 'no product with SKU C' }),
      ],
    );
    expect(diff.inserts).toEqual([
      { externalLineId: 'x-2', sku: 'B', productId: 'pB', quantity: 3, reservedQuantity: 3, problem: null },
      { externalLineId: 'x-3', sku: 'C', productId: null, quantity: 4, reservedQuantity: 0, problem: 'no product with SKU C' },
    ]);
    expect(diff.moves).toEqual([{ productId: 'pB', sku: 'B', reservedDelta: 3 }]);
    expect(diff.changes.map((c) => [c.externalLineId, c.from])).toEqual([
      ['x-2', null],
      ['x-3', null],
    ]);
  });

  it('keeps a removed line (absent or quantity 0) with quantity 0 and releases it', () => {
    const diff = diffOrderLines(
      [stored({ id: '1' }), stored({ id: '2', sku: 'B', productId: 'pB', quantity: 3, reservedQuantity: 3 })],
      [wanted({ externalLineId: 'x-1', quantity: 0 })],
    );
    expect(diff.updates).toEqual([
      { id: '1', sku: 'A', productId: 'pA', quantity: 0, reservedQuantity: 0, problem: null },
      { id: '2', sku: 'B', productId: 'pB', quantity: 0, reservedQuantity: 0, problem: null },
    ]);
    expect(diff.moves).toEqual([
      { productId: 'pA', sku: 'A', reservedDelta: -2 },
      { productId: 'pB', sku: 'B', reservedDelta: -3 },
    ]);
    // Removed once: nothing more to do the next time.
    expect(diffOrderLines([stored({ id: '1', quantity: 0, reservedQuantity: 0 })], []).updates).toEqual([]);
  });

  it('reserves a line in full once its SKU is mapped to a product, and releases it when it loses the product', () => {
    const mapped = diffOrderLines(
      [stored({ id: '1', productId: null, reservedQuantity: 0, problem: 'no product with SKU A' })],
      [wanted({ externalLineId: 'x-1', quantity: 2 })],
    );
    expect(mapped.moves).toEqual([{ productId: 'pA', sku: 'A', reservedDelta: 2 }]);
    expect(mapped.updates).toEqual([{ id: '1', sku: 'A', productId: 'pA', quantity: 2, reservedQuantity: 2, problem: null }]);

    const lost = diffOrderLines([stored({ id: '1' })], [wanted({ externalLineId: 'x-1', productId: null, problem: 'gone' })]);
    expect(lost.moves).toEqual([{ productId: 'pA', sku: 'A', reservedDelta: -2 }]);
    expect(lost.updates[0]).toMatchObject({ productId: null, reservedQuantity: 0 });

    const swapped = diffOrderLines([stored({ id: '1' })], [wanted({ externalLineId: 'x-1', productId: 'pZ' })]);
    expect(swapped.moves).toEqual([
      { productId: 'pA', sku: 'A', reservedDelta: -2 },
      { productId: 'pZ', sku: 'A', reservedDelta: 2 },
    ]);
  });

  it('updates a changed problem text without counting it as a change of the lines', () => {
    const diff = diffOrderLines(
      [stored({ id: '1', productId: null, reservedQuantity: 0, problem: 'old' })],
      [wanted({ externalLineId: 'x-1', productId: null, problem: 'new' })],
    );
    expect(diff.changes).toEqual([]);
    expect(diff.moves).toEqual([]);
    expect(diff.updates).toEqual([{ id: '1', sku: 'A', productId: null, quantity: 2, reservedQuantity: 0, problem: 'new' }]);
  });

  it('reserves only what is left to ship of a partly shipped line', () => {
    const diff = diffOrderLines(
      [stored({ id: '1', quantity: 3, shippedQuantity: 1, reservedQuantity: 2 })],
      [wanted({ externalLineId: 'x-1', quantity: 5 })],
    );
    expect(diff.moves).toEqual([{ productId: 'pA', sku: 'A', reservedDelta: 2 }]);
    expect(diff.updates[0]).toMatchObject({ quantity: 5, reservedQuantity: 4 });
  });

  it('treats a stored line without an external id as absent', () => {
    const diff = diffOrderLines([stored({ id: '1', externalLineId: null })], []);
    expect(diff.updates).toEqual([{ id: '1', sku: 'A', productId: 'pA', quantity: 0, reservedQuantity: 0, problem: null }]);
    expect(diff.changes[0]?.externalLineId).toBe('1');
  });
});

describe('describeLineChanges', () => {
  it('names each line and what changed', () => {
    const diff = diffOrderLines(
      [stored({ id: '1' }), stored({ id: '2', sku: 'B' }), stored({ id: '3', sku: 'C', productId: null, reservedQuantity: 0 })],
      [
        wanted({ externalLineId: 'x-1', quantity: 3 }),
        wanted({ externalLineId: 'x-3', sku: 'C', productId: 'pC' }),
        wanted({ externalLineId: 'x-4', sku: 'D' }),
      ],
    );
    expect(describeLineChanges(diff.changes)).toBe(
      'line x-1 (SKU A) quantity 2 → 3, line x-3 (SKU C) now has product pC, line x-4 (SKU D) added with quantity 2, line x-2 (SKU B) removed',
    );
  });
});

describe('reservationFor', () => {
  it('is what is left to ship when there is a product, else nothing', () => {
    expect(reservationFor('p', 5, 2)).toBe(3);
    expect(reservationFor('p', 1, 2)).toBe(0);
    expect(reservationFor(null, 5, 0)).toBe(0);
  });
});

describe('sameJson', () => {
  it('compares by content, whatever the order of keys', () => {
    expect(sameJson({ a: 1, b: { c: [1, 2], d: 'x' } }, { b: { d: 'x', c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameJson(null, null)).toBe(true);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson({ a: undefined }, {})).toBe(true);
  });
});
