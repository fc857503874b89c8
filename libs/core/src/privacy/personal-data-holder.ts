import { SetMetadata } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';

export const PERSONAL_DATA_HOLDER = Symbol('gantry:personal-data-holder');

/**
 * Marks a provider that keeps personal data in its lib's own tables; found at boot by discovery. The core's privacy
 * engine drives every holder, so each lib redacts, exports and prunes only its own tables.
 */
export const HoldsPersonalData = (): ClassDecorator => SetMetadata(PERSONAL_DATA_HOLDER, true);

/** Whose data a privacy request is about, in channel-neutral words (the channel translated its ids). */
export interface PersonalDataSubject {
  channel: string;
  /** The channel's account (a Shopify shop domain): holders keyed by it still find rows of a removed store. */
  externalAccountId: string;
  storeId: string | null;
  /** The orders named, as the engine keys them (`channel_order.external_id`). */
  orderExternalIds: string[];
  customer: { externalId: string | null; email: string | null; phone: string | null } | null;
}

/** A record a holder found for a data request: where it lives and what it holds. */
export interface PersonalDataRecord {
  table: string;
  id: string;
  data: unknown;
}

export interface PersonalDataHolder {
  /** Names the holder in counts and exports (e.g. `wms`, `shopify-webhook-inbox`). */
  readonly personalDataKey: string;
  /** Redacts the personal fields of the subject's orders (ids, SKUs, quantities and states stay); returns rows changed. */
  redactOrders(subject: PersonalDataSubject, manager: EntityManager): Promise<number>;
  /** Redacts every personal field the account's store holds (shop/redact); returns rows changed. */
  redactAccount(subject: PersonalDataSubject, manager: EntityManager): Promise<number>;
  /** What the holder keeps of the subject (the orders named, the customer's e-mail or phone). */
  exportSubject(subject: PersonalDataSubject, manager: EntityManager): Promise<PersonalDataRecord[]>;
  /** Removes raw details older than `before`, at most `limit` rows in one short statement; returns how many. */
  pruneBefore?(before: Date, limit: number, dataSource: DataSource): Promise<number>;
}
