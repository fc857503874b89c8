import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HandlesOutboxTopics, type OutboxEventHandler } from '../../outbox/outbox-handler.decorator';
import type { OutboxEvent } from '../../outbox/outbox-event.entity';

import { OutboxTopic } from '../../outbox/outbox-topic';
import { ChannelOrderRepository } from './channel-order.repository';

/** A store's mappings changed: its held orders (an unmapped SKU, no location mapping) are decided again. */
@Injectable()
@HandlesOutboxTopics(OutboxTopic.CHANNEL_MAPPINGS_CHANGED)
export class OrderMappingsHandler implements OutboxEventHandler {
  constructor(private readonly orders: ChannelOrderRepository) {}

  async handle(events: OutboxEvent[], manager: EntityManager): Promise<void> {
    const stores = new Set(events.map((e) => (e.payload as { storeId?: string }).storeId).filter((id): id is string => !!id));
    for (const storeId of stores) {
      await this.orders.redue(storeId, ['held'], manager);
    }
  }
}
