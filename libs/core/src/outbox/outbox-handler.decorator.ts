import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEvent } from './outbox-event.entity';
import type { OutboxTopic } from './outbox-topic';

export const OUTBOX_HANDLER_TOPICS = Symbol('gantry:outbox-handler-topics');

/** Marks a provider as a handler of the given outbox topics; found at boot by discovery. */
export const HandlesOutboxTopics = (...topics: OutboxTopic[]): ClassDecorator => SetMetadata(OUTBOX_HANDLER_TOPICS, topics);

export interface OutboxEventHandler {
  /**
   * Runs inside the transaction that marks the event handled, so database effects happen once.
   * Must be idempotent for effects outside the database: an event may be handled again after a crash.
   */
  handle(events: OutboxEvent[], manager: EntityManager): Promise<void>;
}
