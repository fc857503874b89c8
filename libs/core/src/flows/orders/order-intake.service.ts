import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ChannelOrder } from '../../channel/channel-adapter.interface';
import { ChannelOrderRepository, type OrderIntakeOutcome } from './channel-order.repository';

/**
 * Where channels hand in what they learnt about orders (a webhook, a reconciliation page), inside the caller's
 * transaction: the newest state is kept and the order becomes due; the worker decides later.
 */
@Injectable()
export class OrderIntakeService {
  constructor(private readonly orders: ChannelOrderRepository) {}

  record(manager: EntityManager, storeId: string, orders: ChannelOrder[]): Promise<Map<string, OrderIntakeOutcome>> {
    return this.orders.record(manager, storeId, orders);
  }

  /** The channel says an order changed without saying how (e.g. an edit's notice): it is read before the next decision. */
  async changed(manager: EntityManager, storeId: string, externalIds: string[]): Promise<'due' | 'unknown'> {
    return (await this.orders.touch(manager, storeId, externalIds)) > 0 ? 'due' : 'unknown';
  }
}
