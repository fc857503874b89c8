import { Injectable } from '@nestjs/common';
import { ChannelLocationMappingService } from '../mapping/channel-location-mapping.service';
import { ChannelProductMappingService } from '../mapping/channel-product-mapping.service';
import { storeWarnings } from './store-warnings.view';
import type { Store } from './store.entity';
import { StoreService } from './store.service';
import { toStoreView, type StoreView } from './store.view';

/** Stores as the API shows them: with where their stock sync stands and what stands in its way, in four reads for any number. */
@Injectable()
export class StoreViewService {
  constructor(
    private readonly stores: StoreService,
    private readonly locationMappings: ChannelLocationMappingService,
    private readonly productMappings: ChannelProductMappingService,
  ) {}

  async views(stores: Store[]): Promise<StoreView[]> {
    const ids = stores.map((s) => s.id);
    const [pending, withLocations, withProducts, lastActivity] = await Promise.all([
      this.stores.pendingStockPairs(ids),
      this.locationMappings.storesWithMappings(ids),
      this.productMappings.storesWithMappings(ids),
      this.stores.lastActivity(ids),
    ]);
    return stores.map((store) =>
      toStoreView(
        store,
        pending.get(store.id) ?? 0,
        storeWarnings(store, { locations: withLocations.has(store.id), products: withProducts.has(store.id) }),
        lastActivity.get(store.id) ?? null,
      ),
    );
  }

  async view(store: Store): Promise<StoreView> {
    const [view] = await this.views([store]);
    return view;
  }
}
