import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { OUTBOX_HANDLER_TOPICS, type OutboxEventHandler } from './outbox-handler.decorator';

/** Finds every @HandlesOutboxTopics provider once at boot. */
@Injectable()
export class OutboxHandlerRegistry implements OnModuleInit {
  private readonly logger = new Logger(OutboxHandlerRegistry.name);
  private readonly byTopic = new Map<string, OutboxEventHandler[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      const metatype = wrapper.metatype;
      if (!instance || !metatype) {
        continue;
      }
      const topics = this.reflector.get<string[] | undefined>(OUTBOX_HANDLER_TOPICS, metatype);
      if (!topics) {
        continue;
      }
      for (const topic of topics) {
        this.byTopic.set(topic, [...(this.byTopic.get(topic) ?? []), instance as OutboxEventHandler]);
      }
      this.logger.log(`${metatype.name} handles ${topics.join(', ')}`);
    }
  }

  handlersFor(topic: string): OutboxEventHandler[] {
    return this.byTopic.get(topic) ?? [];
  }
}
