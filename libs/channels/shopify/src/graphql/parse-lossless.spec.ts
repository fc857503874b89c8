import { parseLossless } from './shopify-graphql.client';

describe('parseLossless', () => {
  it('keeps ids beyond 2^53 exact, as strings, and safe numbers as numbers', () => {
    expect(parseLossless('{"id": 12345678901234567890, "quantity": 3, "price": "9.99"}')).toEqual({
      id: '12345678901234567890',
      quantity: 3,
      price: '9.99',
    });
  });

  it('drops NUL characters from strings (PostgreSQL cannot store them), at any depth, and leaves other text as it is', () => {
    const body = '{"note": "gift\\u0000wrap", "line_items": [{"title": "\\u0000Mug\\u0000", "sku": "MUG-1"}], "tab": "a\\tb"}';
    expect(parseLossless(body)).toEqual({ note: 'giftwrap', line_items: [{ title: 'Mug', sku: 'MUG-1' }], tab: 'a\tb' });
    expect(JSON.stringify(parseLossless(body))).not.toContain('\\u0000');
  });
});
