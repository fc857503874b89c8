export interface AdminCallEntry {
  at: string;
  shop: string;
  apiKey: string | null;
  staff: boolean;
  version: string;
  operationName: string | null;
  rootFields: string[];
  requestedCost: number | null;
  actualCost: number | null;
  /** The bucket's points left after the call (throttleStatus.currentlyAvailable), when the call was priced. */
  available: number | null;
  status: number;
  throttled: boolean;
  errors: string[];
  fault: string | null;
}

const MAX_ENTRIES = 5000;

/** The Admin API calls each shop received, newest last. */
export class AdminCallLog {
  private readonly entries = new Map<string, AdminCallEntry[]>();

  add(entry: AdminCallEntry): void {
    const list = this.entries.get(entry.shop) ?? [];
    list.push(entry);
    if (list.length > MAX_ENTRIES) {
      list.shift();
    }
    this.entries.set(entry.shop, list);
  }

  list(shop: string): AdminCallEntry[] {
    return this.entries.get(shop) ?? [];
  }

  clear(): void {
    this.entries.clear();
  }
}
