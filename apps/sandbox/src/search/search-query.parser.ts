/** One `field:value` term of Shopify's search syntax. */
export interface SearchTerm {
  field: string | null;
  op: ':' | '<' | '<=' | '>' | '>=';
  value: string;
  negate: boolean;
}

export type FieldAccessor = (field: string) => boolean | number | string | string[] | null | undefined;

/**
 * Shopify's search query syntax, the subset connectors use: `sku:A-1 updated_at:>2024-01-01 -status:archived`,
 * quoted values, trailing `*` wildcards, implicit AND, and `OR` between terms.
 */
export class SearchQuery {
  private constructor(private readonly groups: SearchTerm[][]) {}

  static parse(input: string | null | undefined): SearchQuery {
    const groups: SearchTerm[][] = [[]];
    for (const token of SearchQuery.tokenize(input ?? '')) {
      if (token === 'OR') {
        groups.push([]);
        continue;
      }
      if (token === 'AND') {
        continue;
      }
      groups[groups.length - 1].push(SearchQuery.term(token));
    }
    return new SearchQuery(groups.filter((g) => g.length > 0));
  }

  get terms(): SearchTerm[] {
    return this.groups.flat();
  }

  matches(get: FieldAccessor): boolean {
    if (this.groups.length === 0) {
      return true;
    }
    return this.groups.some((group) => group.every((term) => SearchQuery.matchTerm(term, get)));
  }

  private static tokenize(input: string): string[] {
    const tokens: string[] = [];
    let current = '';
    let quoted = false;
    for (const ch of input) {
      if (ch === '"' || ch === "'") {
        quoted = !quoted;
        continue;
      }
      if (!quoted && /\s/.test(ch)) {
        if (current) {
          tokens.push(current);
        }
        current = '';
        continue;
      }
      current += ch;
    }
    if (current) {
      tokens.push(current);
    }
    return tokens;
  }

  private static term(token: string): SearchTerm {
    let negate = false;
    let rest = token;
    if (rest.startsWith('-')) {
      negate = true;
      rest = rest.slice(1);
    } else if (rest.startsWith('NOT:')) {
      negate = true;
      rest = rest.slice(4);
    }
    const colon = rest.indexOf(':');
    if (colon <= 0) {
      return { field: null, op: ':', value: rest, negate };
    }
    const field = rest.slice(0, colon).toLowerCase();
    let value = rest.slice(colon + 1);
    let op: SearchTerm['op'] = ':';
    const opMatch = /^(>=|<=|>|<)/.exec(value);
    if (opMatch) {
      op = opMatch[1] as SearchTerm['op'];
      value = value.slice(op.length);
    }
    return { field, op, value, negate };
  }

  private static matchTerm(term: SearchTerm, get: FieldAccessor): boolean {
    const actual = get(term.field ?? 'default');
    const result = SearchQuery.compare(term, actual);
    return term.negate ? !result : result;
  }

  private static compare(term: SearchTerm, actual: ReturnType<FieldAccessor>): boolean {
    if (actual === undefined || actual === null) {
      return false;
    }
    if (Array.isArray(actual)) {
      return actual.some((a) => SearchQuery.compare(term, a));
    }
    if (term.op === ':') {
      return SearchQuery.equals(term.value, actual);
    }
    const order = SearchQuery.order(String(actual), term.value);
    if (order === null) {
      return false;
    }
    switch (term.op) {
      case '<':
        return order < 0;
      case '<=':
        return order <= 0;
      case '>':
        return order > 0;
      case '>=':
        return order >= 0;
    }
  }

  private static equals(expected: string, actual: boolean | number | string): boolean {
    const a = String(actual).toLowerCase();
    const e = expected.toLowerCase();
    if (e === '*') {
      return true;
    }
    if (e.endsWith('*')) {
      return a.startsWith(e.slice(0, -1));
    }
    return a === e;
  }

  /** Compares as numbers, then as dates; null when neither applies. */
  private static order(actual: string, expected: string): number | null {
    const na = Number(actual);
    const ne = Number(expected);
    if (actual !== '' && expected !== '' && !Number.isNaN(na) && !Number.isNaN(ne)) {
      return Math.sign(na - ne);
    }
    const da = Date.parse(actual);
    const de = Date.parse(expected);
    if (!Number.isNaN(da) && !Number.isNaN(de)) {
      return Math.sign(da - de);
    }
    return null;
  }
}
