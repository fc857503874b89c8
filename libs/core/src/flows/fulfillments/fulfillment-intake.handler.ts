import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ChannelTracking } from '../../channel/channel-adapter.interface';
import { HandlesOutboxTopics, type OutboxEventHandler } from '../../outbox/outbox-handler.decorator';
import type { OutboxEvent } from '../../outbox/outbox-event.entity';
import { OutboxTopic, type ShipmentCreatedPayload } from '../../outbox/outbox-topic';
import { WarehousePort, type WarehouseShipment } from '../../ports/warehouse.port';
import { FulfillmentPushRepository } from './fulfillment-push.repository';

/**
 * Shipments become pushes in the transaction that handles their event: one per shipment of a channel order (shipments
 * of the warehouse's own orders stay in the warehouse). A tracking change makes the shipment's push due again.
 */
@Injectable()
@HandlesOutboxTopics(OutboxTopic.SHIPMENT_CREATED, OutboxTopic.SHIPMENT_TRACKING_CHANGED)
export class FulfillmentIntakeHandler implements OutboxEventHandler {
  constructor(
    private readonly pushes: FulfillmentPushRepository,
    private readonly warehouse: WarehousePort,
  ) {}

  async handle(events: OutboxEvent[], manager: EntityManager): Promise<void> {
    for (const event of events) {
      const payload = event.payload as unknown as ShipmentCreatedPayload;
      if (!payload.storeId) {
        continue;
      }
      const shipment = await this.warehouse.shipment(payload.shipmentId, manager);
      if (!shipment) {
        continue;
      }
      if (event.topic === OutboxTopic.SHIPMENT_CREATED) {
        await this.pushes.create(manager, {
          storeId: payload.storeId,
          shipmentId: shipment.id,
          warehouseOrderId: shipment.orderId,
          lines: shipment.lines,
          tracking: trackingOf(shipment),
        });
      } else {
        await this.pushes.changeTracking(manager, shipment.id, trackingOf(shipment));
      }
    }
  }
}

export function trackingOf(shipment: WarehouseShipment): ChannelTracking {
  return {
    carrier: shipment.carrier,
    numbers: shipment.parcels.map((p) => p.trackingNumber),
    urls: shipment.parcels.map((p) => p.trackingUrl),
  };
}
