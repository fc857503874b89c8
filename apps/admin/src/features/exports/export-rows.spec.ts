import type { WholesaleExport } from './exports.api';
import {
  exportActions,
  exportRow,
  generationLabel,
  moreLimit,
  parseExportFilter,
  reExportOrderName,
  sourceOrderSummary,
} from './export-rows';

const JOOR = '8ab7a14c-6e59-4dd6-953e-710b6ab7cac4';
const names = new Map([[JOOR, 'JOOR wholesale']]);

function exp(overrides: Partial<WholesaleExport> = {}): WholesaleExport {
  return {
    id: 'e1',
    storeId: JOOR,
    targetStoreId: 'shop',
    sourceOrderId: '700001',
    generation: 1,
    status: 'exported',
    origin: 'scheduled',
    requestedBy: null,
    sinkOrder: { id: 'gid://shopify/Order/1', name: 'JOOR-700001' },
    supersedesOrderId: null,
    failure: null,
    note: null,
    attempts: 1,
    dueAt: null,
    exportedAt: '2026-07-01T10:00:00Z',
    markedAt: null,
    alertedAt: null,
    createdAt: '2026-07-01T09:59:00Z',
    updatedAt: '2026-07-01T10:00:00Z',
    sourceOrder: null,
    ...overrides,
  };
}

describe('export rows', () => {
  it('shows the JOOR order, the Shopify order and the generation', () => {
    expect(exportRow(exp(), names)).toMatchObject({
      joorOrder: '700001',
      shopifyOrder: 'JOOR-700001',
      generation: 'First export',
      storeName: 'JOOR wholesale',
      problem: null,
    });
    expect(generationLabel(3)).toBe('Re-export 2');
  });

  it('says why an export failed and when it is tried again, or why it waits', () => {
    const failed = exp({
      status: 'failed',
      sinkOrder: null,
      failure: { code: 'insufficient_stock', reason: 'SKU TEE: 3 ordered, 1 available', retry: 'each-run' },
    });
    expect(exportRow(failed, names)).toMatchObject({
      shopifyOrder: '—',
      failureLabel: 'Not enough stock',
      problem: 'SKU TEE: 3 ordered, 1 available',
      retryPolicy: 'Tried again every run',
    });
    expect(exportRow(exp({ status: 'failed', failure: { code: 'new_code', reason: null, retry: null } }), names).problem).toBe('new_code');
    expect(exportRow(exp({ status: 'pending', note: 'Shopify was unavailable' }), new Map()).problem).toBe('Shopify was unavailable');
    expect(exportRow(exp(), new Map()).storeName).toBe('Unknown store');
  });
});

describe('what an export allows', () => {
  const first = exp();
  const failedSecond = exp({ id: 'e2', generation: 2, status: 'failed', sinkOrder: null });

  it('lets integration managers and admins re-export the latest exported one only', () => {
    expect(exportActions(first, [first], 'integration_manager')).toEqual({ retry: false, reExport: true });
    expect(exportActions(first, [first], 'admin')).toEqual({ retry: false, reExport: true });
    expect(exportActions(first, [first, failedSecond], 'admin')).toEqual({ retry: false, reExport: false });
    expect(exportActions(first, [], 'admin').reExport).toBe(true);
  });

  it('offers Retry on failed exports, and nothing while one is under way', () => {
    expect(exportActions(failedSecond, [first, failedSecond], 'admin')).toEqual({ retry: true, reExport: false });
    const pending = exp({ status: 'pending' });
    expect(exportActions(pending, [pending], 'admin')).toEqual({ retry: false, reExport: false });
  });

  it('offers nothing to operators and viewers', () => {
    expect(exportActions(failedSecond, [failedSecond], 'operator')).toEqual({ retry: false, reExport: false });
    expect(exportActions(first, [first], 'viewer')).toEqual({ retry: false, reExport: false });
    expect(exportActions(first, [first], undefined)).toEqual({ retry: false, reExport: false });
  });

  it('names the Shopify order a re-export creates', () => {
    expect(reExportOrderName(first)).toBe('JOOR-700001-R1');
    expect(reExportOrderName(exp({ generation: 2, sinkOrder: { id: 'x', name: 'JOOR-700001-R1' } }))).toBe('JOOR-700001-R2');
    expect(reExportOrderName(exp({ sinkOrder: null }))).toBe('JOOR-700001-R1');
  });
});

describe('filters', () => {
  it('reads store, status, JOOR order and limit from the URL, dropping what the API refuses', () => {
    expect(parseExportFilter(new URLSearchParams('store=s1&status=failed&order=%20700001%20&limit=200'))).toEqual({
      storeId: 's1',
      status: 'failed',
      sourceOrderId: '700001',
      limit: 200,
    });
    expect(parseExportFilter(new URLSearchParams('status=bogus&limit=9999'))).toEqual({ limit: 500 });
    expect(parseExportFilter(new URLSearchParams(''))).toEqual({ limit: 100 });
  });

  it('asks for more while full pages come back', () => {
    expect(moreLimit(100, 100)).toBe(200);
    expect(moreLimit(12, 100)).toBeNull();
    expect(moreLimit(500, 500)).toBeNull();
  });
});

describe('source order summary', () => {
  it('reads PO, customer and lines from the JOOR order, tolerating missing fields', () => {
    expect(
      sourceOrderSummary({
        poNumber: 'PO-1',
        currency: 'USD',
        customer: { company: 'Demo Boutique', firstName: 'Dana', lastName: 'Buyer', email: 'b@x.example' },
        lines: [{ externalLineId: '1', name: 'Tee', quantity: 6, unitPrice: '9.50', item: { sku: 'TEE-M' } }, { item: { upc: '99' } }],
      }),
    ).toEqual({
      poNumber: 'PO-1',
      currency: 'USD',
      customer: 'Demo Boutique · Dana Buyer · b@x.example',
      lines: [
        { key: '1', sku: 'TEE-M', name: 'Tee', quantity: 6, unitPrice: '9.50' },
        { key: '1', sku: '99', name: '—', quantity: null, unitPrice: null },
      ],
    });
    expect(sourceOrderSummary(null)).toBeNull();
    expect(sourceOrderSummary({ lines: 'x', customer: null })).toEqual({ poNumber: null, currency: null, customer: null, lines: [] });
  });
});
