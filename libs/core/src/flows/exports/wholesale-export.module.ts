import { Module } from '@nestjs/common';
import { ChannelsModule } from '../../channel/channels.module';
import { MailModule } from '../../mail/mail.module';
import { ExportAlertService } from './export-alert.service';
import { ExportRequestService } from './export-request.service';
import { ExportRunService } from './export-run.service';
import { ExportSendService } from './export-send.service';
import { ExportController } from './export.controller';
import { WholesaleExportScheduleRepository } from './wholesale-export-schedule.repository';
import { WholesaleExportRepository } from './wholesale-export.repository';

/** Wholesale exports (a B2B source's orders created on a sink store), the part every role needs. The worker adds the triggers. */
@Module({
  imports: [ChannelsModule, MailModule],
  controllers: [ExportController],
  providers: [
    WholesaleExportRepository,
    WholesaleExportScheduleRepository,
    ExportSendService,
    ExportAlertService,
    ExportRunService,
    ExportRequestService,
  ],
  exports: [ExportRunService, ExportRequestService, WholesaleExportRepository, WholesaleExportScheduleRepository],
})
export class WholesaleExportModule {}
