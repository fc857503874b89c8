import { Module } from '@nestjs/common';
import { MailSender } from './mail-sender.service';

/** Outgoing mail (alerts). */
@Module({ providers: [MailSender], exports: [MailSender] })
export class MailModule {}
