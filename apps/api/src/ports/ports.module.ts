import { Global, Module } from '@nestjs/common';
import { WarehousePort } from '@gantry/core';
import { WmsModule, WmsWarehousePort } from '@gantry/wms';

/** Binds the ports libs/core defines to the libs that implement them; global, so any lib's module can inject them. */
@Global()
@Module({
  imports: [WmsModule],
  providers: [{ provide: WarehousePort, useExisting: WmsWarehousePort }],
  exports: [WarehousePort],
})
export class PortsModule {}
