import { Module } from '@nestjs/common';
import { ChannelsModule } from '../../channel/channels.module';
import { WholesaleExportModule } from './wholesale-export.module';
import { WholesaleExportProcessor } from './wholesale-export.processor';
import { WholesaleExportScheduler } from './wholesale-export.scheduler';

/** The export engine's triggers: the schedule and due-export poller and the processor. */
@Module({
  imports: [ChannelsModule, WholesaleExportModule],
  providers: [WholesaleExportScheduler, WholesaleExportProcessor],
  exports: [WholesaleExportScheduler],
})
export class WholesaleExportWorkerModule {}
