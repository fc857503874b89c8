import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class FakeStockSyncSettings {
  @IsBoolean()
  enabled = true;

  @IsIn(['absolute', 'delta'])
  mode: 'absolute' | 'delta' = 'absolute';

  @IsInt()
  @Min(1)
  @Max(3600)
  windowSeconds = 60;
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
