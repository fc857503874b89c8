import { Injectable } from '@nestjs/common';
import { MailSender } from '../../mail/mail-sender.service';
import { composeExportDigest } from './export-digest.view';
import { WholesaleExportRepository } from './wholesale-export.repository';

/** Sends one digest of the failures a store's run left unreported; they stay unreported until a mail is accepted. */
@Injectable()
export class ExportAlertService {
  constructor(
    private readonly exports: WholesaleExportRepository,
    private readonly mail: MailSender,
  ) {}

  /** How many failures the digest reported (0 when there were none, or no one to tell). */
  async digest(input: { storeId: string; storeName: string; sourceName: string; sinkName: string; recipients: string[] }): Promise<number> {
    const rows = await this.exports.unalerted(input.storeId);
    if (rows.length === 0) {
      return 0;
    }
    if (input.recipients.length === 0) {
      // No one to tell: the failures are in the API and the admin; a later address should not get a backlog.
      await this.exports.setAlerted(rows.map((r) => r.id));
      return 0;
    }
    const sent = await this.mail.send(
      composeExportDigest({
        storeName: input.storeName,
        sourceName: input.sourceName,
        sinkName: input.sinkName,
        to: input.recipients,
        entries: rows.map((r) => ({
          sourceOrderId: r.sourceOrderId,
          generation: r.generation,
          poNumber: r.sourceOrder?.poNumber ?? null,
          customer: r.sourceOrder?.customer.company ?? r.sourceOrder?.customer.email ?? null,
          failureCode: r.failureCode,
          failureReason: r.failureReason,
        })),
      }),
    );
    if (!sent) {
      return 0;
    }
    await this.exports.setAlerted(rows.map((r) => r.id));
    return rows.length;
  }
}
