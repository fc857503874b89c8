import { containsPattern, lineSearchText, orderSearchText } from './order-search';

describe('order search', () => {
  it('finds the text anywhere, with LIKE wildcards and the escape character taken literally', () => {
    expect(containsPattern('#1001')).toBe('%#1001%');
    expect(containsPattern('50%_off')).toBe('%50\\%\\_off%');
    expect(containsPattern('a\\b')).toBe('%a\\\\b%');
  });

  it('builds the same expression with and without a table alias (the index is built on the bare one)', () => {
    expect(orderSearchText('s').replace(/s\./g, '')).toBe(orderSearchText());
    expect(lineSearchText('l').replace(/l\./g, '')).toBe(lineSearchText());
    expect(orderSearchText()).toContain("coalesce(hold_reason, '')");
  });
});
