import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { MailSender } from '../mail/mail-sender.service';
import { PrivacyRequestRepository, type PrivacyRequestView } from './privacy-request.repository';

/**
 * Tells PRIVACY_ALERT_EMAILS when a data request's export is ready (after the request's transaction committed, so a mail
 * server's failure never undoes the work; an unsent notice is tried again). The mail names the request, not the data:
 * the export itself is read from the API by an admin.
 */
@Injectable()
export class PrivacyNotifyJob {
  private readonly logger = new Logger(PrivacyNotifyJob.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly requests: PrivacyRequestRepository,
    private readonly mail: MailSender,
    private readonly config: AppConfig,
  ) {}

  @Interval('privacy-notify', 5_000)
  async tick(): Promise<void> {
    try {
      await this.run();
    } catch (error) {
      this.logger.warn(`privacy notices failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** How many notices were sent. Without recipients or SMTP, nothing is sent and the notices wait. */
  async run(): Promise<number> {
    const to = this.config.privacyAlertEmails;
    if (to.length === 0 || !this.mail.configured) {
      return 0;
    }
    return this.dataSource.transaction(async (manager) => {
      let sent = 0;
      for (const request of await this.requests.claimUnannounced(manager, 10)) {
        if (!(await this.mail.send({ to, ...this.message(request) }))) {
          break;
        }
        await this.requests.markNotified(manager, request.id);
        sent++;
      }
      return sent;
    });
  }

  private message(r: PrivacyRequestView): { subject: string; text: string } {
    const base = this.config.APP_URL.replace(/\/+$/, '');
    return {
      subject: `Gantry: customer data request from ${r.externalAccountId} is ready`,
      text: [
        `A customer data request (${r.channel}${r.channelRequestId ? ` request ${r.channelRequestId}` : ''}) from ${r.externalAccountId} was answered.`,
        `Customer: ${r.customerExternalId ?? 'unknown id'}; orders named: ${r.orderExternalIds.length}.`,
        `Records found: ${Object.entries(r.counts)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}.`,
        '',
        `The export (JSON) is at ${base}/api/v1/privacy/requests/${r.id} (admin key or session).`,
        'Hand it to the merchant, who answers the customer; Shopify expects that within 30 days.',
      ].join('\n'),
    };
  }
}
