import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
}

/**
 * Sends alert mails over SMTP (`SMTP_URL`). nodemailer: the maintained standard for SMTP in Node (pooling, TLS, auth in
 * the URL). Without `SMTP_URL` nothing is sent and callers are told so (the alert stays pending, never lost).
 */
@Injectable()
export class MailSender implements OnModuleDestroy {
  private readonly logger = new Logger(MailSender.name);
  private readonly transport: Transporter | null;

  constructor(private readonly config: AppConfig) {
    this.transport = config.SMTP_URL ? createTransport(config.SMTP_URL) : null;
  }

  get configured(): boolean {
    return this.transport !== null;
  }

  /** True once the SMTP server accepted the message. */
  async send(message: MailMessage): Promise<boolean> {
    if (!this.transport) {
      this.logger.warn({ subject: message.subject }, 'SMTP_URL is not set: alert mail not sent');
      return false;
    }
    try {
      await this.transport.sendMail({ from: this.config.MAIL_FROM, to: message.to, subject: message.subject, text: message.text });
      return true;
    } catch (error) {
      this.logger.warn({ subject: message.subject, error: error instanceof Error ? error.message : String(error) }, 'alert mail not sent');
      return false;
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
