import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { PersonalDataRecord, PersonalDataSubject } from './personal-data-holder';
import { PersonalDataRegistry } from './personal-data.registry';
import { PrivacyRequestRepository, type PrivacyRequestKind } from './privacy-request.repository';

/** A compliance request as a channel translated it: whose data, which orders, and the delivery it came in. */
export interface PrivacyRequestInput extends PersonalDataSubject {
  kind: PrivacyRequestKind;
  /** Unique per channel delivery (e.g. `shopify-inbox:<id>`): handling the same delivery twice records it once. */
  sourceRef: string;
  /** The channel's own id of the request (Shopify's data_request.id), when it has one. */
  channelRequestId: string | null;
}

export interface PrivacyOutcome {
  requestId: string | null;
  duplicate: boolean;
  counts: Record<string, number>;
}

/**
 * The privacy engine: the channel hands over a request (inside the transaction that processes its inbox row, so it
 * is done exactly once with it), the engine records it and has every lib that holds personal data redact or export
 * its own rows. Redaction keeps ids, SKUs, quantities and states; it marks each row with when it was redacted.
 */
@Injectable()
export class PrivacyService {
  private readonly logger = new Logger(PrivacyService.name);

  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly requests: PrivacyRequestRepository,
  ) {}

  async handle(input: PrivacyRequestInput, manager: EntityManager): Promise<PrivacyOutcome> {
    const dataRequest = input.kind === 'customer-data-request';
    const id = await this.requests.insert(manager, {
      channel: input.channel,
      externalAccountId: input.externalAccountId,
      storeId: input.storeId,
      kind: input.kind,
      sourceRef: input.sourceRef,
      channelRequestId: input.channelRequestId,
      customerExternalId: input.customer?.externalId ?? null,
      customerEmail: dataRequest ? (input.customer?.email ?? null) : null,
      customerPhone: dataRequest ? (input.customer?.phone ?? null) : null,
      orderExternalIds: input.orderExternalIds,
    });
    if (id === null) {
      return { requestId: null, duplicate: true, counts: {} };
    }
    const counts: Record<string, number> = {};
    let exported: unknown = null;
    if (input.kind === 'customer-data-request') {
      const found: Record<string, PersonalDataRecord[]> = {};
      for (const holder of this.registry.holders()) {
        found[holder.personalDataKey] = await holder.exportSubject(input, manager);
        counts[holder.personalDataKey] = found[holder.personalDataKey]?.length ?? 0;
      }
      exported = {
        channel: input.channel,
        account: input.externalAccountId,
        customer: input.customer,
        ordersRequested: input.orderExternalIds,
        records: found,
      };
    } else {
      for (const holder of this.registry.holders()) {
        counts[holder.personalDataKey] =
          input.kind === 'shop-redact' ? await holder.redactAccount(input, manager) : await holder.redactOrders(input, manager);
      }
      const customerId = input.customer?.externalId ?? null;
      // Our copies of earlier data-request exports go too: the shop's all, or the customer's.
      counts['privacy-request-exports'] =
        input.kind === 'shop-redact' || customerId !== null
          ? await this.requests.eraseExports(manager, {
              channel: input.channel,
              externalAccountId: input.externalAccountId,
              customerExternalId: input.kind === 'shop-redact' ? null : customerId,
            })
          : 0;
    }
    await this.requests.complete(manager, id, counts, exported);
    this.logger.log({ requestId: id, kind: input.kind, storeId: input.storeId, counts }, 'privacy request done');
    return { requestId: id, duplicate: false, counts };
  }
}
