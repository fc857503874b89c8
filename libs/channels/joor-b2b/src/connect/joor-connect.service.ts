import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ChannelAdapterException,
  ChannelErrorCode,
  ChannelRegistry,
  DomainErrorCode,
  DomainException,
  hasCapability,
  PluginService,
  StoreConnectionService,
  StoreService,
  StoreStatus,
  type Store,
} from '@gantry/core';
import { JoorApiClient } from '../client/joor-api.client';
import type { JoorCredentials } from '../client/joor-credentials';
import { JOOR_CHANNEL_KEY } from '../joor-channel.adapter';

export interface JoorConnectInput {
  name: string;
  apiToken: string;
  /** The store that takes the exported orders. */
  shopifyStoreId: string;
}

/** Connecting a JOOR account: the target store must take orders, JOOR must accept the token; then the store is saved. */
@Injectable()
export class JoorConnectService {
  constructor(
    private readonly plugins: PluginService,
    private readonly stores: StoreService,
    private readonly connections: StoreConnectionService,
    private readonly registry: ChannelRegistry,
    private readonly client: JoorApiClient,
  ) {}

  /** Creates the JOOR store of the token's account, or updates it (new token, name, target) when it exists. */
  async connect(input: JoorConnectInput): Promise<Store> {
    // Cheap refusals first: no JOOR credit is spent on a connect that cannot succeed.
    await this.plugins.assertAcceptsConnections(JOOR_CHANNEL_KEY);
    await this.assertTakesOrders(input.shopifyStoreId);
    const externalAccountId = await this.accountOf(input.apiToken);
    const credentials: JoorCredentials = { apiToken: input.apiToken };
    return this.connections.connect({
      pluginKey: JOOR_CHANNEL_KEY,
      externalAccountId,
      name: input.name,
      credentials: { ...credentials },
      targetStoreId: input.shopifyStoreId,
    });
  }

  private async assertTakesOrders(storeId: string): Promise<void> {
    const target = await this.stores.get(storeId).catch((error: unknown) => {
      throw error instanceof DomainException && error.code === DomainErrorCode.NOT_FOUND
        ? DomainException.notFound(`No store ${storeId}`, 'shopifyStoreId')
        : error;
    });
    if (target.status !== StoreStatus.CONNECTED) {
      throw DomainException.conflict(`store ${target.name} is ${target.status}: connect it again first`, 'shopifyStoreId');
    }
    const adapter = this.registry.has(target.pluginKey) ? this.registry.get(target.pluginKey) : null;
    if (!adapter || !hasCapability(adapter, 'order-sink')) {
      throw DomainException.conflict(`channel ${adapter?.name ?? target.pluginKey} cannot take orders`, 'shopifyStoreId');
    }
  }

  /**
   * Checks the token with the cheapest call there is (one order, a peek: nothing is marked; 1 credit) and names the
   * account as JOOR's rate limiter does (X-Throttling-Account-Id). Without that header the account is named after a
   * hash of the token, so the same token finds the same store again.
   */
  private async accountOf(apiToken: string): Promise<string> {
    try {
      const page = await this.client.listOrders(apiToken, { sync: 0, count: 1, order_type: 6 });
      return page.accountId ?? `token-${createHash('sha256').update(apiToken, 'utf8').digest('hex').slice(0, 24)}`;
    } catch (error) {
      if (!(error instanceof ChannelAdapterException)) {
        throw error;
      }
      if (error.code === ChannelErrorCode.AUTH_REVOKED) {
        throw DomainException.invalid('JOOR refused this token', [{ field: 'apiToken', message: 'JOOR refused this token' }]);
      }
      throw new DomainException(DomainErrorCode.UNAVAILABLE, `JOOR could not check the token now; try again later (${error.message})`);
    }
  }
}
