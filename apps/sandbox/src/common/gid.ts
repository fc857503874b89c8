// Shopify global ids: gid://shopify/{Type}/{numeric id}[?query].
export class Gid {
  static of(type: string, id: string): string {
    return `gid://shopify/${type}/${id}`;
  }

  /** Returns the numeric part when the gid has the expected type, else null. */
  static parse(gid: unknown, type?: string): string | null {
    if (typeof gid !== 'string') {
      return null;
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
