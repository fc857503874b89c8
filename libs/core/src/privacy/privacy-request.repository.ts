import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export const PRIVACY_REQUEST_KINDS = ['customer-redact', 'shop-redact', 'customer-data-request'] as const;
export type PrivacyRequestKind = (typeof PRIVACY_REQUEST_KINDS)[number];

export interface PrivacyRequestView {
  id: string;
  channel: string;
  externalAccountId: string;
  storeId: string | null;
  kind: PrivacyRequestKind;
  channelRequestId: string | null;
  customerExternalId: string | null;
  orderExternalIds: string[];
  counts: Record<string, number>;
  receivedAt: Date;
  completedAt: Date | null;
  notifiedAt: Date | null;
  exportErasedAt: Date | null;
}

export interface PrivacyRequestDetail extends PrivacyRequestView {
  export: unknown;
}

export interface NewPrivacyRequest {
  channel: string;
  externalAccountId: string;
  storeId: string | null;
  kind: PrivacyRequestKind;
  sourceRef: string;
  channelRequestId: string | null;
  customerExternalId: string | null;
  /** Kept for data requests only (the customer is found by them); a redact request keeps no contact detail. */
  customerEmail: string | null;
  customerPhone: string | null;
  orderExternalIds: string[];
}

const VIEW = `id, channel, external_account_id AS "externalAccountId", store_id AS "storeId", kind,
  channel_request_id AS "channelRequestId", customer_external_id AS "customerExternalId", order_external_ids AS "orderExternalIds",
  counts, received_at AS "receivedAt", completed_at AS "completedAt", notified_at AS "notifiedAt", export_erased_at AS "exportErasedAt"`;

/** `privacy_request`: every compliance request a channel sent, what was done for it and, for a data request, the export. */
@Injectable()
export class PrivacyRequestRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records the request once per channel delivery; null when that delivery was recorded before. */
  async insert(manager: EntityManager, r: NewPrivacyRequest): Promise<string | null> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO privacy_request (channel, external_account_id, store_id, kind, source_ref, channel_request_id,
                                    customer_external_id, customer_email, customer_phone, order_external_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[]) ON CONFLICT (source_ref) DO NOTHING RETURNING id`,
      [
        r.channel,
        r.externalAccountId,
        r.storeId,
        r.kind,
        r.sourceRef,
        r.channelRequestId,
        r.customerExternalId,
        r.customerEmail,
        r.customerPhone,
        r.orderExternalIds,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async complete(manager: EntityManager, id: string, counts: Record<string, number>, exported: unknown): Promise<void> {
    await manager.query(`UPDATE privacy_request SET counts = $2, export = $3, completed_at = now() WHERE id = $1`, [
      id,
      JSON.stringify(counts),
      exported === null ? null : JSON.stringify(exported),
    ]);
  }

  /** Our copies of earlier data-request exports: once the customer (or the whole shop) is redacted, they go too. */
  async eraseExports(
    manager: EntityManager,
    scope: { channel: string; externalAccountId: string; customerExternalId: string | null },
  ): Promise<number> {
    const result: unknown = await manager.query(
      `UPDATE privacy_request SET export = NULL, customer_email = NULL, customer_phone = NULL, export_erased_at = now()
        WHERE channel = $1 AND external_account_id = $2 AND kind = 'customer-data-request' AND export_erased_at IS NULL
          AND ($3::text IS NULL OR customer_external_id = $3)`,
      [scope.channel, scope.externalAccountId, scope.customerExternalId],
    );
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  }

  async list(filter: { storeId?: string; kind?: PrivacyRequestKind; limit?: number }): Promise<PrivacyRequestView[]> {
    return this.dataSource.query(
      `SELECT ${VIEW} FROM privacy_request
        WHERE ($1::uuid IS NULL OR store_id = $1) AND ($2::text IS NULL OR kind = $2)
        ORDER BY received_at DESC, id LIMIT $3`,
      [filter.storeId ?? null, filter.kind ?? null, filter.limit ?? 100],
    );
  }

  async get(id: string): Promise<PrivacyRequestDetail | null> {
    const rows = await this.dataSource.query<PrivacyRequestDetail[]>(`SELECT ${VIEW}, export FROM privacy_request WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Data requests done but not yet announced, locked for the caller's transaction (another worker skips them). */
  async claimUnannounced(manager: EntityManager, limit: number): Promise<PrivacyRequestView[]> {
    return manager.query(
      `SELECT ${VIEW} FROM privacy_request
        WHERE kind = 'customer-data-request' AND completed_at IS NOT NULL AND notified_at IS NULL
        ORDER BY received_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async markNotified(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE privacy_request SET notified_at = now() WHERE id = $1`, [id]);
  }
}
