import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ChannelReturnRepository } from './channel-return.repository';

/** What channel libs call when a webhook says a return changed (in the webhook's transaction): the return is read and decided. */
@Injectable()
export class ReturnIntakeService {
  constructor(private readonly returns: ChannelReturnRepository) {}

  notice(manager: EntityManager, storeId: string, returns: { externalId: string; orderExternalId?: string | null }[]): Promise<number> {
    return this.returns.touch(manager, storeId, returns);
  }
}
