import { Type } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { StockSyncSettings } from '@gantry/core';

/** The fake channel's stock sync: delta only (its sink has no absolute writes), on by default. */
export class FakeStockSyncSettings extends StockSyncSettings {
  override enabled = true;
  override mode: 'absolute' | 'delta' = 'delta';
  override windowSeconds = 60;
}

/** Settings of the fake channel: a nested group and a top-level field, like real channels have. */
export class FakeChannelSettings {
  @ValidateNested()
  @Type(() => FakeStockSyncSettings)
  stockSync: FakeStockSyncSettings = new FakeStockSyncSettings();

  @IsOptional()
  @IsString()
  @MaxLength(40)
  label?: string;
}
