import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HandlesOutboxTopics, type OutboxEventHandler } from '../../outbox/outbox-handler.decorator';
import type { OutboxEvent } from '../../outbox/outbox-event.entity';
import { OutboxTopic, type ReturnReceivedPayload } from '../../outbox/outbox-topic';
import { ChannelReturnRepository } from './channel-return.repository';

/** Goods of a channel's return arrived in the warehouse: the return is due, so the channel records them. */
@Injectable()
@HandlesOutboxTopics(OutboxTopic.RETURN_RECEIVED)
export class ReturnReceiptHandler implements OutboxEventHandler {
  constructor(private readonly returns: ChannelReturnRepository) {}

  async handle(events: OutboxEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      const payload = event.payload as unknown as ReturnReceivedPayload;
      if (payload.storeId) {
        await this.returns.touchByWarehouseReturn(manager, payload.returnId);
      }
    }
  }
}
