import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, Max, Min } from 'class-validator';
import type { StockSyncMode } from '../../channel/channel-adapter.interface';

/**
 * Stock sync of one store. A channel with the stock-sink capability embeds this as `stockSync` in its settings class
 * (the registry checks it at boot); the engine reads it from there.
 */
@ApiSchema({ description: "Stock sync: the warehouse's stock levels sent to the channel's locations." })
export class StockSyncSettings {
  @ApiPropertyOptional({
    type: Boolean,
    description: 'Send stock changes to the channel. Needs location mappings and mapped products to have anything to send.',
    default: false,
    example: true,
  })
  @IsBoolean()
  enabled = false;

  @ApiPropertyOptional({
    enum: ['absolute', 'delta'],
    description:
      "absolute: the channel's quantity is set to the warehouse's available stock (edits made on the channel are drift and are set back); " +
      "delta: the change since the last push is sent as an adjustment (less what the store's own orders caused), leaving edits made on " +
      'the channel in place; enabling delta takes the current values as the baseline and sends nothing at first.',
    default: 'absolute',
    example: 'absolute',
  })
  @IsIn(['absolute', 'delta'])
  mode: StockSyncMode = 'absolute';

  // Changes to one item inside a window go in one push at its end.
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 3600,
    description:
      'The window, in seconds: changes to one item within it go to the channel in one push at its end, so a change takes up to this long to arrive.',
    default: 30,
    example: 30,
  })
  @IsInt()
  @Min(1)
  @Max(3600)
  windowSeconds = 30;
}

export interface WithStockSyncSettings {
  stockSync: StockSyncSettings;
}
