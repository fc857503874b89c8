export interface JoorCallEntry {
  at: string;
  account: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  status: number;
  /** Credits this call took from the account's window (0 when it was refused with 429). */
  credits: number;
  /** The injected fault, if any: throttle, http_500/502/503, http_5xx_after_marking. */
  fault: string | null;
  /** The order ids in the response, and those this call marked exported. */
  returned: string[];
  marked: string[];
}

const MAX_ENTRIES = 5000;

/** The JOOR API calls each account received, newest last. */
export class JoorCallLog {
  private readonly entries = new Map<string, JoorCallEntry[]>();

  add(entry: JoorCallEntry): void {
    const list = this.entries.get(entry.account) ?? [];
    list.push(entry);
    if (list.length > MAX_ENTRIES) {
      list.shift();
    }
    this.entries.set(entry.account, list);
  }

  list(account: string): JoorCallEntry[] {
    return this.entries.get(account) ?? [];
  }

  clear(): void {
    this.entries.clear();
  }
}
