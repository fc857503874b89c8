import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { StoreService, StoreStatus } from '@gantry/core';
import { SHOPIFY_CHANNEL_KEY } from '../shopify-channel.adapter';
import { WebhookSubscriptionService } from './webhook-subscription.service';

/**
 * When a worker starts, every connected Shopify store gets the topics this version subscribes to (a new release may
 * add one, e.g. orders/edited): listed first, only the missing ones created, so a restart costs one query per store.
 * In the background: a store that fails is logged and retried at the next start or reconnect.
 */
@Injectable()
export class WebhookRegistrationBootJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookRegistrationBootJob.name);
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly stores: StoreService,
    private readonly subscriptions: WebhookSubscriptionService,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.run().then(
      () => undefined,
      (error: unknown) => this.logger.warn({ err: error }, 'webhook registration run failed'),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  async run(): Promise<{ storeId: string; created: string[] }[]> {
    const stores = await this.stores.list({ pluginKey: SHOPIFY_CHANNEL_KEY, status: StoreStatus.CONNECTED });
    const report: { storeId: string; created: string[] }[] = [];
    for (const store of stores) {
      if (this.stopped) {
        break;
      }
      try {
        const result = await this.subscriptions.ensure(await this.stores.contextFor(store.id));
        report.push({ storeId: store.id, created: result.created });
      } catch (error) {
        this.logger.warn({ storeId: store.id, err: error }, 'webhook registration of a store failed');
      }
    }
    return report;
  }
}
