import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainException, OutboxTopic, OutboxWriter, type FieldError } from '@gantry/core';
import { DataSource } from 'typeorm';
import { OrderLine } from '../order/order-line.entity';
import { OrderStatus } from '../order/order-status.enum';
import { OrderService } from '../order/order.service';
import { OutboundOrder } from '../order/outbound-order.entity';
import { MovementType } from '../stock/movement-type.enum';
import { StockLedgerService, type LedgerEntry } from '../stock/stock-ledger.service';
import type { CreateShipmentDto, ShipmentTrackingDto } from './dtos/create-shipment.dto';
import { CarrierCatalog } from './carrier.catalog';
import { Shipment, type ParcelRecord, type ShipmentLineRecord } from './shipment.entity';

/** A shipment picks its lines from the order's warehouse and releases their reservations. */
@Injectable()
export class ShipmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly orders: OrderService,
    private readonly ledger: StockLedgerService,
    private readonly outbox: OutboxWriter,
  ) {}

  listForOrder(orderId: string): Promise<Shipment[]> {
    return this.dataSource.manager.find(Shipment, { where: { orderId }, order: { createdAt: 'ASC' } });
  }

  async get(id: string): Promise<Shipment> {
    const found = await this.dataSource.manager.findOneBy(Shipment, { id });
    if (!found) {
      throw DomainException.notFound(`No shipment ${id}`);
    }
    return found;
  }

  async create(orderId: string, dto: CreateShipmentDto): Promise<Shipment> {
    const tracking = ShipmentService.tracking(dto);
    return this.dataSource.transaction(async (manager) => {
      const order = await this.orders.lock(manager, orderId);
      if (order.status === OrderStatus.CANCELLED || order.status === OrderStatus.SHIPPED) {
        throw DomainException.conflict(`Order ${orderId} is ${order.status}; nothing left to ship`);
      }
      if (order.status === OrderStatus.NEEDS_ATTENTION) {
        throw DomainException.conflict(
          `Order ${orderId} needs attention and cannot ship until it is resolved: ${order.holdReason ?? 'no reason recorded'}`,
        );
      }
      const remaining = new Map(order.lines.map((l) => [l.id, l.quantity - l.shippedQuantity]));
      const errors: FieldError[] = [];
      // A SKU the order does not have is a bad request (400); anything else the order's state refuses (409).
      let unknownSku = false;
      const picks: { line: OrderLine; productId: string; quantity: number }[] = [];
      dto.lines.forEach((requested, i) => {
        let left = requested.quantity;
        // A SKU may sit on several lines: fill them in order.
        for (const line of order.lines.filter((l) => l.sku === requested.sku)) {
          const open = remaining.get(line.id) ?? 0;
          const take = Math.min(open, left);
          if (take <= 0) {
            continue;
          }
          if (line.productId === null) {
            errors.push({
              field: `lines[${i}].sku`,
              message: `line ${line.externalLineId ?? line.id} (SKU ${line.sku}) has no product in the warehouse and cannot ship until its SKU is mapped`,
            });
            left = 0;
            break;
          }
          picks.push({ line, productId: line.productId, quantity: take });
          remaining.set(line.id, open - take);
          left -= take;
        }
        if (!order.lines.some((l) => l.sku === requested.sku)) {
          unknownSku = true;
          errors.push({ field: `lines[${i}].sku`, message: `order has no line with SKU ${requested.sku}` });
        } else if (left > 0) {
          errors.push({ field: `lines[${i}].quantity`, message: `only ${requested.quantity - left} of ${requested.sku} left to ship` });
        }
      });
      if (errors.length > 0) {
        const detail = errors.map((e) => e.message).join('; ');
        throw unknownSku ? DomainException.invalid(detail, errors) : DomainException.conflict(detail, undefined, errors);
      }

      const entries: LedgerEntry[] = picks.map(({ line, productId, quantity }) => ({
        warehouseId: order.warehouseId,
        productId,
        sku: line.sku,
        onHandDelta: -quantity,
        reservedDelta: -Math.min(quantity, line.reservedQuantity),
        type: MovementType.PICK,
        reference: `shipment of order ${order.reference ?? order.externalNumber ?? order.id}`,
        orderId: order.id,
        sourceStoreId: order.storeId,
      }));
      await this.ledger.apply(manager, entries);

      const records: ShipmentLineRecord[] = [];
      for (const { line, quantity } of picks) {
        line.shippedQuantity += quantity;
        line.reservedQuantity = Math.max(0, line.reservedQuantity - quantity);
        await manager.update(
          OrderLine,
          { id: line.id },
          { shippedQuantity: line.shippedQuantity, reservedQuantity: line.reservedQuantity },
        );
        records.push({ orderLineId: line.id, sku: line.sku, quantity, externalLineId: line.externalLineId });
      }
      const done = order.lines.every((l) => l.shippedQuantity >= l.quantity);
      await manager.update(OutboundOrder, { id: order.id }, { status: done ? OrderStatus.SHIPPED : OrderStatus.PARTIALLY_SHIPPED });

      const shipment = await manager.save(
        manager.create(Shipment, {
          orderId: order.id,
          ...tracking,
          lines: records,
        }),
      );
      await this.outbox.append(manager, [
        {
          topic: OutboxTopic.SHIPMENT_CREATED,
          aggregateKey: `order/${order.id}`,
          payload: { shipmentId: shipment.id, orderId: order.id, storeId: order.storeId },
        },
      ]);
      return shipment;
    });
  }

  /** Replaces the carrier and parcels (a changed or added tracking number); channels are told through the outbox. */
  async updateTracking(id: string, dto: ShipmentTrackingDto): Promise<Shipment> {
    const tracking = ShipmentService.tracking(dto);
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<{ order_id: string; store_id: string | null }[]>(
        `SELECT s.order_id, o.store_id FROM shipment s JOIN outbound_order o ON o.id = s.order_id WHERE s.id = $1 FOR UPDATE OF s`,
        [id],
      );
      if (!row) {
        throw DomainException.notFound(`No shipment ${id}`);
      }
      await manager.update(Shipment, { id }, tracking);
      await this.outbox.append(manager, [
        {
          topic: OutboxTopic.SHIPMENT_TRACKING_CHANGED,
          aggregateKey: `order/${row.order_id}`,
          payload: { shipmentId: id, orderId: row.order_id, storeId: row.store_id },
        },
      ]);
      return manager.findOneByOrFail(Shipment, { id });
    });
  }

  /**
   * The parcels a request describes: one tracking number or several parcels, not both. A carrier the warehouse does not
   * know needs a tracking page per parcel; a known one is stored under its usual name.
   */
  private static tracking(dto: ShipmentTrackingDto): {
    carrier: string;
    trackingNumber: string;
    trackingUrl: string | null;
    parcels: ParcelRecord[];
  } {
    if (dto.parcels !== undefined && dto.trackingNumber !== undefined) {
      throw DomainException.invalid('Give trackingNumber (one parcel) or parcels (several), not both', [
        { field: 'parcels', message: 'must not be given with trackingNumber' },
      ]);
    }
    const parcels: ParcelRecord[] = dto.parcels
      ? dto.parcels.map((p) => ({ trackingNumber: p.trackingNumber.trim(), trackingUrl: p.trackingUrl ?? null }))
      : [{ trackingNumber: (dto.trackingNumber ?? '').trim(), trackingUrl: dto.trackingUrl ?? null }];
    const numbers = parcels.map((p) => p.trackingNumber);
    if (new Set(numbers).size !== numbers.length) {
      throw DomainException.invalid('Each parcel needs its own tracking number', [
        { field: 'parcels', message: 'tracking numbers must be unique' },
      ]);
    }
    const code = CarrierCatalog.codeOf(dto.carrier);
    if (!code && parcels.some((p) => !p.trackingUrl)) {
      throw DomainException.invalid(`Unknown carrier "${dto.carrier}": give a trackingUrl for each parcel, or use a known carrier`, [
        {
          field: 'carrier',
          message: `unknown carrier; known: ${Object.keys(CarrierCatalog.CARRIERS).join(', ')} (or their names); any other needs a trackingUrl per parcel`,
        },
      ]);
    }
    const first = parcels[0] ?? { trackingNumber: '', trackingUrl: null };
    return {
      carrier: code ? (CarrierCatalog.CARRIERS[code] ?? dto.carrier) : dto.carrier.trim(),
      trackingNumber: first.trackingNumber,
      trackingUrl: first.trackingUrl,
      parcels,
    };
  }
}
