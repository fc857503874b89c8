import { JoorDates } from './joor-dates';
import type { JoorExportParams } from './joor-export.query';
import { JoorOrderView } from './joor-order.view';
import type { JoorJson, JoorOrderRecord, JoorStatus, JoorValidationKind } from './joor-records';
import { JoorStore } from './joor.store';

export interface JoorExportPage {
  total: number;
  count: number;
  start_from: number;
  next_start_from: number | null;
  orders: Record<string, JoorJson>[];
}

export interface JoorExportResult {
  page: JoorExportPage;
  returned: string[];
  marked: string[];
}

// The request's order_type filter (research §2.1).
const ORDER_TYPES: Record<number, readonly JoorStatus[]> = {
  1: ['NOTES'],
  2: ['APPROVED', 'SHIPPED'],
  3: ['PENDING'],
  4: ['IN_PROGRESS', 'NOTES', 'PENDING', 'APPROVED', 'SHIPPED'],
  5: ['CANCELLED'],
  6: ['APPROVED'],
  7: ['SHIPPED'],
  8: ['IN_PROGRESS', 'NOTES', 'PENDING', 'APPROVED', 'SHIPPED', 'CANCELLED'],
};
// Which seeded validation failures each check level reports.
const CHECKS: Record<number, readonly JoorValidationKind[]> = {
  0: [],
  1: ['missing_fields'],
  2: ['deleted_styles'],
  3: ['missing_fields', 'deleted_styles'],
};

/** GET /v2/orders: filter, validate, page, and (sync=1) mark the returned orders exported. */
export class JoorExportService {
  constructor(private readonly store: JoorStore) {}

  /** "Modified since last export": changed after the export timestamp. */
  static modifiedSinceExport(order: JoorOrderRecord): boolean {
    return order.exportedOn !== null && JoorDates.ms(order.fields.date_modified) > JoorDates.ms(order.exportedOn);
  }

  static matchesExportStatus(order: JoorOrderRecord, exportStatus: number): boolean {
    const notExported = order.exportState !== 'SUCCESS';
    const notAttempted = order.exportState === 'NOT_ATTEMPTED';
    switch (exportStatus) {
      case 2:
        return notExported;
      case 3:
        return order.exportState === 'SUCCESS';
      case 4:
        return JoorExportService.modifiedSinceExport(order);
      case 5:
        return notExported || JoorExportService.modifiedSinceExport(order);
      case 6:
        return notAttempted;
      case 7:
        return notAttempted || JoorExportService.modifiedSinceExport(order);
      default:
        return true;
    }
  }

  list(account: string, p: JoorExportParams): JoorExportResult {
    const statuses = ORDER_TYPES[p.orderType];
    let matching = (p.orderId === null ? this.store.ordersOf(account) : [this.store.order(p.orderId)]).filter(
      (o): o is JoorOrderRecord =>
        o !== undefined &&
        o.account === account &&
        statuses.includes(o.status) &&
        JoorExportService.matchesExportStatus(o, p.exportStatus) &&
        (p.dateStart === null || p.dateEnd === null || JoorExportService.within(o, p.dateStart, p.dateEnd)) &&
        (p.customerCode === null || o.fields.customer_code === p.customerCode) &&
        (p.customerGroupName === null || o.fields.customer_group_name === p.customerGroupName),
    );
    if (p.sync) {
      // JOOR's internal validation: a failing order is marked failed with its reason and left out of a sync.
      const kinds = CHECKS[p.check];
      matching = matching.filter((o) => {
        if (o.validationFailure && kinds.includes(o.validationFailure.kind)) {
          this.store.markFailed(o, o.validationFailure.description);
          return false;
        }
        return true;
      });
    }
    matching.sort((a, b) => JoorStore.byOrderId(a, b));
    const slice = matching.slice(p.startFrom, p.startFrom + p.count);
    if (p.sync) {
      for (const order of slice) {
        this.store.markExported(order);
      }
    }
    const next = p.startFrom + slice.length;
    return {
      page: {
        total: matching.length,
        count: slice.length,
        start_from: p.startFrom,
        next_start_from: next < matching.length ? next : null,
        orders: slice.map((o) => JoorOrderView.render(o)),
      },
      returned: slice.map((o) => o.orderId),
      marked: p.sync ? slice.map((o) => o.orderId) : [],
    };
  }

  private static within(order: JoorOrderRecord, start: number, end: number): boolean {
    const modified = JoorDates.ms(order.fields.date_modified);
    return modified >= start && modified <= end;
  }
}
