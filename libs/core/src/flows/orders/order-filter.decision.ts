import type { ChannelOrder } from '../../channel/channel-adapter.interface';
import type { OrderFilterSettings } from './order-import.settings';

export type OrderFilterVerdict = { pass: true } | { pass: false; reason: string };

const listed = (values: readonly string[]): string => values.join(', ');

/** Whether the store's filters take this order, and if not, the first reason in words a merchant reads. Pure. */
export function orderFilterVerdict(filters: OrderFilterSettings, order: ChannelOrder): OrderFilterVerdict {
  if (filters.statuses.length > 0 && !filters.statuses.includes(order.status)) {
    return { pass: false, reason: `status ${order.status} is not one of ${listed(filters.statuses)}` };
  }
  if (filters.financialStatuses.length > 0 && !filters.financialStatuses.includes(order.financialStatus ?? '')) {
    return {
      pass: false,
      reason: `financial status ${order.financialStatus ?? 'none'} is not one of ${listed(filters.financialStatuses)}`,
    };
  }
  if (filters.fulfillmentStatuses.length > 0 && !filters.fulfillmentStatuses.includes(order.fulfillmentStatus ?? '')) {
    return {
      pass: false,
      reason: `fulfillment status ${order.fulfillmentStatus ?? 'none'} is not one of ${listed(filters.fulfillmentStatuses)}`,
    };
  }
  const tags = new Set(order.tags.map((t) => t.trim().toLowerCase()));
  if (filters.tagsAnyOf.length > 0 && !filters.tagsAnyOf.some((t) => tags.has(t.trim().toLowerCase()))) {
    return { pass: false, reason: `no tag among ${listed(filters.tagsAnyOf)}` };
  }
  const excluded = filters.tagsNoneOf.filter((t) => tags.has(t.trim().toLowerCase()));
  if (excluded.length > 0) {
    return { pass: false, reason: `tagged ${listed(excluded)}` };
  }
  if (filters.createdOnOrAfter && Date.parse(order.createdAt) < Date.parse(filters.createdOnOrAfter)) {
    return { pass: false, reason: `created ${order.createdAt}, before ${filters.createdOnOrAfter}` };
  }
  return { pass: true };
}
