import { ShipmentController } from './shipment/shipment.controller';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChannelOrderSyncService } from './order/channel-order-sync.service';
import { OrderLine } from './order/order-line.entity';
import { OrderReservationService } from './order/order-reservation.service';
import { OrderController } from './order/order.controller';
import { OrderService } from './order/order.service';
import { OutboundOrder } from './order/outbound-order.entity';
import { WmsWarehousePort } from './ports/wms-warehouse.port';
import { WmsPersonalDataService } from './privacy/wms-personal-data.service';
import { ProductController } from './product/product.controller';
import { Product } from './product/product.entity';
import { ProductService } from './product/product.service';
import { ChannelReturnSyncService } from './return/channel-return-sync.service';
import { CustomerReturn } from './return/customer-return.entity';
import { ReturnController } from './return/return.controller';
import { ReturnService } from './return/return.service';
import { Shipment } from './shipment/shipment.entity';
import { ShipmentService } from './shipment/shipment.service';
import { ShippingProcessController } from './shipping-process/shipping-process.controller';
import { ShippingProcess } from './shipping-process/shipping-process.entity';
import { ShippingProcessService } from './shipping-process/shipping-process.service';
import { StockLevel } from './stock/stock-level.entity';
import { StockLevelService } from './stock/stock-level.service';
import { StockLedgerService } from './stock/stock-ledger.service';
import { StockMovement } from './stock/stock-movement.entity';
import { StockMovementService } from './stock/stock-movement.service';
import { StockController } from './stock/stock.controller';
import { WarehouseController } from './warehouse/warehouse.controller';
import { Warehouse } from './warehouse/warehouse.entity';
import { WarehouseService } from './warehouse/warehouse.service';

const services = [
  WarehouseService,
  ShippingProcessService,
  ProductService,
  StockLedgerService,
  StockMovementService,
  StockLevelService,
  OrderReservationService,
  OrderService,
  ChannelOrderSyncService,
  ShipmentService,
  ReturnService,
  ChannelReturnSyncService,
  WmsWarehousePort,
  WmsPersonalDataService,
];

/** The warehouse: the system of record for stock. Every stock change goes through StockLedgerService. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      Warehouse,
      ShippingProcess,
      Product,
      StockLevel,
      StockMovement,
      OutboundOrder,
      OrderLine,
      Shipment,
      CustomerReturn,
    ]),
  ],
  controllers: [
    WarehouseController,
    ShippingProcessController,
    ProductController,
    StockController,
    OrderController,
    ShipmentController,
    ReturnController,
  ],
  providers: services,
  exports: [...services, TypeOrmModule],
})
export class WmsModule {}
