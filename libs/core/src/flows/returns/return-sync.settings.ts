import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

/** What the return engine reads of a store's settings; a channel's settings class extends or embeds it. */
@ApiSchema({ description: 'Returns in: returns approved on the channel become expected returns in the warehouse.' })
export class ReturnSyncSettings {
  /** Returns approved on the channel become expected returns in the warehouse; receipts are recorded back. */
  @ApiPropertyOptional({
    type: Boolean,
    description:
      'Returns approved on the channel become expected returns in the warehouse; what is received is recorded back on the channel',
    default: false,
    example: true,
  })
  @IsBoolean()
  enabled = false;

  /** Close the return on the channel once every unit is received and recorded there. */
  @ApiPropertyOptional({
    type: Boolean,
    description: 'Close the return on the channel once every unit is received and recorded there',
    default: false,
    example: false,
  })
  @IsBoolean()
  autoClose = false;
}

export interface WithReturnSyncSettings {
  returns: ReturnSyncSettings;
}
