import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { CredentialCipher } from '../crypto/credential-cipher';
import { Store } from './store.entity';

/** A stored value that no key of the ring reads: reported, left as it is. */
export interface ReencryptionFailure {
  storeId: string;
  storeName: string;
  reason: string;
}

export interface ReencryptionReport {
  /** The key every value is now under (ENCRYPTION_KEY's id). */
  currentKeyId: string;
  reencrypted: number;
  alreadyCurrent: number;
  failed: ReencryptionFailure[];
}

export interface ReencryptionOptions {
  batchSize?: number;
  /** Count only: nothing is written. */
  dryRun?: boolean;
  /** Called after each batch with the counts so far (progress on a big table). */
  onBatch?: (report: ReencryptionReport) => void;
}

// A token refresh may rewrite a row between our read and our write: the write only lands on the value we read, and a
// row that changed is read again this many times before it is reported.
const ATTEMPTS = 3;

/**
 * Moves every store's credentials to the current ENCRYPTION_KEY (after a rotation), so that the previous keys can be
 * dropped. Batches in id order, one compare-and-set update per row; running it again finds everything already current.
 */
@Injectable()
export class StoreCredentialsReencryptionService {
  constructor(
    @InjectRepository(Store) private readonly stores: Repository<Store>,
    private readonly cipher: CredentialCipher,
  ) {}

  async run(options: ReencryptionOptions = {}): Promise<ReencryptionReport> {
    const batchSize = options.batchSize ?? 100;
    const report: ReencryptionReport = { currentKeyId: this.cipher.currentKeyId, reencrypted: 0, alreadyCurrent: 0, failed: [] };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.stores.query<{ id: string; name: string; credentials_encrypted: string }[]>(
        `SELECT id, name, credentials_encrypted FROM store WHERE credentials_encrypted IS NOT NULL AND id > $1 ORDER BY id LIMIT $2`,
        [after, batchSize],
      );
      for (const row of rows) {
        await this.moveRow(row.id, row.name, row.credentials_encrypted, report, options.dryRun ?? false);
      }
      options.onBatch?.(report);
      if (rows.length < batchSize) {
        return report;
      }
      after = (rows[rows.length - 1] as { id: string }).id;
    }
  }

  private async moveRow(id: string, name: string, stored: string, report: ReencryptionReport, dryRun: boolean): Promise<void> {
    let current: string | null = stored;
    for (let attempt = 0; attempt < ATTEMPTS && current !== null; attempt++) {
      let next: string | null;
      try {
        next = this.cipher.reencrypt(current, id);
      } catch (error) {
        report.failed.push({ storeId: id, storeName: name, reason: error instanceof Error ? error.message : String(error) });
        return;
      }
      if (next === null) {
        report.alreadyCurrent++;
        return;
      }
      if (dryRun) {
        report.reencrypted++;
        return;
      }
      const [, affected] = await this.stores.query<[unknown, number]>(
        `UPDATE store SET credentials_encrypted = $1 WHERE id = $2 AND credentials_encrypted = $3`,
        [next, id, current],
      );
      if (affected > 0) {
        report.reencrypted++;
        return;
      }
      const [row] = await this.stores.query<{ credentials_encrypted: string | null }[]>(
        `SELECT credentials_encrypted FROM store WHERE id = $1`,
        [id],
      );
      // Gone or disconnected meanwhile: nothing left to move.
      current = row?.credentials_encrypted ?? null;
    }
    if (current !== null) {
      report.failed.push({ storeId: id, storeName: name, reason: `changed ${ATTEMPTS} times while being re-encrypted; run again` });
    }
  }
}
