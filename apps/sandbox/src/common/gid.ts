// Shopify global ids: gid://shopify/{Type}/{numeric id}[?query].
const PREFIX = 'gid://shopify/';
const SLASH = 47;
const DIGITS = /^\d+$/;

export class Gid {
  static of(type: string, id: string): string {
    return `gid://shopify/${type}/${id}`;
  }

  /** Returns the numeric part when the gid has the expected type, else null. */
  static parse(gid: unknown, type?: string): string | null {
    if (typeof gid !== 'string') {
      return null;
    }
    // Fast path for the common plain form (hot in 250-line inventory inputs); anything else takes the regex.
    if (
      type !== undefined &&
      gid.startsWith(PREFIX) &&
      gid.startsWith(type, PREFIX.length) &&
      gid.charCodeAt(PREFIX.length + type.length) === SLASH
    ) {
      const id = gid.slice(PREFIX.length + type.length + 1);
      if (DIGITS.test(id)) {
        return id;
      }
    }
    const match = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(\?.*)?$/.exec(gid);
    if (!match || (type !== undefined && match[1] !== type)) {
      return null;
    }
    return match[2] ?? null;
  }

  static typeOf(gid: unknown): string | null {
    if (typeof gid !== 'string') {
      return null;
    }
    return /^gid:\/\/shopify\/([A-Za-z]+)\//.exec(gid)?.[1] ?? null;
  }
}
