import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { PrivacyNotifyJob } from './privacy-notify.job';
import { PrivacyModule } from './privacy.module';
import { RetentionCronJob } from './retention.cron.job';

/** The privacy schedules: retention pruning (hourly) and data-request notices. */
@Module({
  imports: [PrivacyModule, MailModule],
  providers: [RetentionCronJob, PrivacyNotifyJob],
  exports: [PrivacyNotifyJob],
})
export class PrivacyWorkerModule {}
