import { Injectable } from '@nestjs/common';
import { IsOptional, IsString } from 'class-validator';
import type {
  ChannelAdapter,
  ChannelCapability,
  ChannelOrderCreate,
  ExportedOrderRef,
  ExportItemResolution,
  OrderSink,
  WholesaleItemRef,
} from '@gantry/core';

// class-validator refuses a settings object whose class declares nothing (forbidUnknownValues).
class NoSettings {
  @IsOptional()
  @IsString()
  note?: string;
}

/**
 * A channel that takes orders, as the target of a JOOR store: the connect only asks whether the target declares
 * `order-sink`, so these tests need no Shopify store (nor Shopify's sink). Registered through the real token.
 */
@Injectable()
export class OrderSinkStubAdapter implements ChannelAdapter<NoSettings>, OrderSink {
  readonly key = 'sink-stub';
  readonly name = 'Order sink stub';
  readonly capabilities: readonly ChannelCapability[] = ['order-sink'];
  readonly settingsClass = NoSettings;

  defaultSettings(): NoSettings {
    return new NoSettings();
  }

  resolveItems(_ctx: unknown, refs: WholesaleItemRef[]): Promise<ExportItemResolution[]> {
    return Promise.resolve(refs.map(() => ({ channelItemId: null, available: null })));
  }

  createOrder(_ctx: unknown, order: ChannelOrderCreate): Promise<ExportedOrderRef> {
    return Promise.resolve({ externalId: order.identity, name: order.name, cancelled: false, identity: order.identity });
  }

  findByIdentity(): Promise<ExportedOrderRef[]> {
    return Promise.resolve([]);
  }

  readExportedOrders(): Promise<Map<string, ExportedOrderRef>> {
    return Promise.resolve(new Map<string, ExportedOrderRef>());
  }
}
