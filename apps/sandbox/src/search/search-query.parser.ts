/** One `field:value` term of Shopify's search syntax. */
export interface SearchTerm {
  field: string | null;
  op: ':' | '<' | '<=' | '>' | '>=';
  value: string;
  negate: boolean;
  /** Set when the value's end was quoted or escaped: a trailing `*` is then a character, not a wildcard. */
  exact?: true;
}

/** A token and which of its characters came from quotes or backslash escapes (never syntax). */
interface Token {
  text: string;
  literal: boolean[];
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
      const bare = token.literal.includes(true) ? null : token.text;
      if (bare === 'OR') {
        groups.push([]);
        continue;
      }
      if (bare === 'AND') {
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

  private static tokenize(input: string): Token[] {
    const tokens: Token[] = [];
    let current: Token = { text: '', literal: [] };
    // The quote that opened the current quoted part: the other kind is an ordinary character inside it.
    let quote: string | null = null;
    let escaped = false;
    const push = (ch: string, literal: boolean) => {
      current.text += ch;
      current.literal.push(literal);
    };
    for (const ch of input) {
      if (escaped) {
        push(ch, true);
        escaped = false;
        continue;
      }
      if (ch === '\\') {
        escaped = true;
        continue;
      }
      if (quote !== null) {
        if (ch === quote) {
          quote = null;
        } else {
          push(ch, true);
        }
        continue;
      }
      if (ch === '"' || ch === "'") {
        quote = ch;
        continue;
      }
      if (/\s/.test(ch)) {
        if (current.text) {
          tokens.push(current);
        }
        current = { text: '', literal: [] };
        continue;
      }
      push(ch, false);
    }
    if (current.text) {
      tokens.push(current);
    }
    return tokens;
  }

  private static term(token: Token): SearchTerm {
    // Syntax (negation, the field's colon, comparison operators) is only read from unquoted characters.
    const syntax = (i: number) => token.literal[i] === false;
    let negate = false;
    let start = 0;
    if (token.text.startsWith('-') && syntax(0)) {
      negate = true;
      start = 1;
    } else if (token.text.startsWith('NOT:') && [0, 1, 2, 3].every(syntax)) {
      negate = true;
      start = 4;
    }
    const exact = token.literal[token.literal.length - 1] === true ? { exact: true as const } : {};
    let colon = -1;
    for (let i = start + 1; i < token.text.length; i += 1) {
      if (token.text[i] === ':' && syntax(i)) {
        colon = i;
        break;
      }
    }
    if (colon < 0) {
      return { field: null, op: ':', value: token.text.slice(start), negate, ...exact };
    }
    const field = token.text.slice(start, colon).toLowerCase();
    let from = colon + 1;
    let op: SearchTerm['op'] = ':';
    const opMatch = /^(>=|<=|>|<)/.exec(token.text.slice(from));
    if (opMatch && [...opMatch[1]].every((_, k) => syntax(from + k))) {
      op = opMatch[1] as SearchTerm['op'];
      from += op.length;
    }
    return { field, op, value: token.text.slice(from), negate, ...exact };
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
      return SearchQuery.equals(term.value, actual, term.exact === true);
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

  private static equals(expected: string, actual: boolean | number | string, exact: boolean): boolean {
    const a = String(actual).toLowerCase();
    const e = expected.toLowerCase();
    if (exact) {
      return a === e;
    }
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
