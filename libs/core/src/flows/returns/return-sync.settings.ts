import { IsBoolean } from 'class-validator';

/** What the return engine reads of a store's settings; a channel's settings class extends or embeds it. */
export class ReturnSyncSettings {
  /** Returns approved on the channel become expected returns in the warehouse; receipts are recorded back. */
  @IsBoolean()
  enabled = false;

  /** Close the return on the channel once every unit is received and recorded there. */
  @IsBoolean()
  autoClose = false;
}

export interface WithReturnSyncSettings {
  returns: ReturnSyncSettings;
}
