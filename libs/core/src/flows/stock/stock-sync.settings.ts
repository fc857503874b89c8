import { IsBoolean, IsIn, IsInt, Max, Min } from 'class-validator';
import type { StockSyncMode } from '../../channel/channel-adapter.interface';

/**
 * Stock sync of one store. A channel with the stock-sink capability embeds this as `stockSync` in its settings class
 * (the registry checks it at boot); the engine reads it from there.
 */
export class StockSyncSettings {
  @IsBoolean()
  enabled = false;

  @IsIn(['absolute', 'delta'])
  mode: StockSyncMode = 'absolute';

  // Changes to one item inside a window go in one push at its end.
  @IsInt()
  @Min(1)
  @Max(3600)
  windowSeconds = 30;
}

export interface WithStockSyncSettings {
  stockSync: StockSyncSettings;
}
