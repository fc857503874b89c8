import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FulfillmentPushRepository } from './fulfillment-push.repository';

/** What channel libs call when a webhook says allocations changed on the channel (in the webhook's transaction). */
@Injectable()
export class FulfillmentIntakeService {
  constructor(private readonly pushes: FulfillmentPushRepository) {}

  /** A hold released or an allocation moved: the pushes waiting on these allocations try again now. */
  allocationsChanged(manager: EntityManager, storeId: string, allocationIds: string[]): Promise<number> {
    return this.pushes.redueForAllocations(manager, storeId, allocationIds);
  }
}
