import type { SandboxStore } from '../state/sandbox-store';
import { JoorDates } from './joor-dates';
import type { NormalizedOrder } from './joor-order.normalizer';
import type {
  JoorAccountRecord,
  JoorData,
  JoorFaults,
  JoorFields,
  JoorJson,
  JoorOrderRecord,
  JoorRateLimit,
  JoorStatus,
  JoorValidationKind,
} from './joor-records';

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

// JOOR's documented limit (research §2.7): 300 credits per 300-second window.
const DEFAULT_RATE_LIMIT: JoorRateLimit = { credits: 300, windowSeconds: 300 };

const refuse = <T>(status: number, message: string): Outcome<T> => ({ ok: false, status, message });

/** JOOR accounts and orders inside the sandbox state; every date comes from the sandbox clock. */
export class JoorStore {
  constructor(private readonly store: SandboxStore) {}

  /** Digit strings compared as numbers without BigInt: shorter is smaller (ids are kept without leading zeros). */
  static byOrderId(a: JoorOrderRecord, b: JoorOrderRecord): number {
    return a.orderId.length - b.orderId.length || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);
  }

  now(): number {
    return this.store.nowMs();
  }

  private get data(): JoorData {
    // Read through the store each time: loading a saved state replaces the whole document.
    return this.store.raw.joor;
  }

  account(name: string): JoorAccountRecord | undefined {
    return this.data.accounts[name];
  }

  accountByToken(token: string): JoorAccountRecord | undefined {
    return Object.values(this.data.accounts).find((a) => a.apiToken === token);
  }

  /** Creates an account, or updates the rate limit of one that exists with the same token. */
  putAccount(input: { account: string; apiToken: string; rateLimit?: JoorRateLimit }): Outcome<{ created: boolean }> {
    const existing = this.account(input.account);
    if (existing && existing.apiToken !== input.apiToken) {
      return refuse(409, `JOOR account ${input.account} exists with another API token`);
    }
    const holder = this.accountByToken(input.apiToken);
    if (holder && holder.account !== input.account) {
      return refuse(409, `That API token belongs to JOOR account ${holder.account}`);
    }
    if (existing) {
      existing.rateLimit = input.rateLimit ?? existing.rateLimit;
      return { ok: true, value: { created: false } };
    }
    this.data.accounts[input.account] = {
      account: input.account,
      apiToken: input.apiToken,
      rateLimit: input.rateLimit ?? { ...DEFAULT_RATE_LIMIT },
      faults: { errorRate: 0, latencyMs: 0, throttle: false },
      createdAt: this.store.isoNow(),
    };
    return { ok: true, value: { created: true } };
  }

  setFaults(account: JoorAccountRecord, patch: Partial<JoorFaults>): JoorFaults {
    account.faults = { ...account.faults, ...patch };
    return account.faults;
  }

  order(orderId: string): JoorOrderRecord | undefined {
    return /^\d+$/.test(orderId) ? this.data.orders[BigInt(orderId).toString()] : undefined;
  }

  ordersOf(account: string): JoorOrderRecord[] {
    return Object.values(this.data.orders).filter((o) => o.account === account);
  }

  addOrder(account: string, input: NormalizedOrder): Outcome<JoorOrderRecord> {
    const orderId = BigInt(input.orderId).toString();
    if (this.data.orders[orderId]) {
      return refuse(409, `JOOR order ${orderId} exists`);
    }
    const order: JoorOrderRecord = {
      orderId,
      account,
      status: input.status,
      fields: input.fields,
      exportState: 'NOT_ATTEMPTED',
      exportDescription: '',
      exportedOn: null,
      generation: 0,
      timesMarked: 0,
      validationFailure: null,
    };
    this.data.orders[orderId] = order;
    return { ok: true, value: order };
  }

  setStatus(order: JoorOrderRecord, status: JoorStatus): Outcome<JoorOrderRecord> {
    if (status === order.status) {
      return { ok: true, value: order };
    }
    if (status === 'IN_PROGRESS') {
      // "You cannot move an order back to an IN_PROGRESS status" (research §2.4).
      return refuse(409, `JOOR order ${order.orderId} cannot move back to IN_PROGRESS`);
    }
    order.status = status;
    const at = this.touch(order);
    if (status === 'APPROVED' && !order.fields.date_approved) {
      order.fields.date_approved = at;
    }
    return { ok: true, value: order };
  }

  /** "Set to re-export": JOOR will hand the order out once more, as a new export generation. */
  reexport(order: JoorOrderRecord): JoorOrderRecord {
    order.exportState = 'NOT_ATTEMPTED';
    order.exportDescription = '';
    order.exportedOn = null;
    order.generation += 1;
    this.touch(order);
    return order;
  }

  /** A change after approval: date_modified moves, the export state stays (export_status 4 finds it). */
  modify(order: JoorOrderRecord, fields: JoorFields, lineItems: JoorJson[] | null, total: (fields: JoorFields) => string): JoorOrderRecord {
    Object.assign(order.fields, fields);
    if (lineItems) {
      order.fields.line_items = lineItems;
      if (fields.order_total === undefined) {
        order.fields.order_total = total(order.fields);
      }
    }
    if (fields.date_modified === undefined) {
      this.touch(order);
    }
    return order;
  }

  failValidation(order: JoorOrderRecord, failure: { kind: JoorValidationKind; description: string } | null): JoorOrderRecord {
    order.validationFailure = failure;
    return order;
  }

  markExported(order: JoorOrderRecord): void {
    order.exportState = 'SUCCESS';
    order.exportDescription = '';
    // Never before the last modification: an order read and marked in the same millisecond is not "modified since".
    order.exportedOn = JoorDates.format(Math.max(this.store.nowMs(), JoorDates.ms(order.fields.date_modified)));
    order.timesMarked += 1;
  }

  markFailed(order: JoorOrderRecord, description: string): void {
    order.exportState = 'FAILED';
    order.exportDescription = description.slice(0, 255);
  }

  /** Moves date_modified to now, and strictly past the last modification and export (a fast test must not tie). */
  private touch(order: JoorOrderRecord): string {
    const floor = Math.max(JoorDates.ms(order.fields.date_modified), order.exportedOn ? JoorDates.ms(order.exportedOn) : 0) + 1;
    const at = JoorDates.format(Math.max(this.store.nowMs(), floor));
    order.fields.date_modified = at;
    return at;
  }
}
