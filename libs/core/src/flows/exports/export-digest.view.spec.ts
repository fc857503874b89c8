import { composeExportDigest } from './export-digest.view';

describe('composeExportDigest', () => {
  it('lists every failure once in one mail, with what to do', () => {
    const mail = composeExportDigest({
      storeName: 'Nord wholesale',
      sourceName: 'JOOR',
      sinkName: 'Shopify',
      to: ['ops@example.com'],
      entries: [
        {
          sourceOrderId: '1001',
          generation: 1,
          poNumber: 'PO-1',
          customer: 'Nord AB',
          failureCode: 'insufficient_stock',
          failureReason: 'not enough stock for 1 item',
        },
        {
          sourceOrderId: '1002',
          generation: 2,
          poNumber: null,
          customer: null,
          failureCode: 'unknown_style',
          failureReason: '1 style not on the sink',
        },
      ],
    });
    expect(mail.subject).toBe('[Gantry] 2 JOOR orders could not be exported (Nord wholesale)');
    expect(mail.to).toEqual(['ops@example.com']);
    expect(mail.text).toContain('- JOOR order 1001 — PO PO-1, Nord AB\n  Why: not enough stock for 1 item\n  What to do: Add stock');
    expect(mail.text).toContain(
      '- JOOR order 1002 (re-export 1)\n  Why: 1 style not on the sink\n  What to do: Only styles created on Shopify',
    );
  });
});
