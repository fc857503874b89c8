import { ApiProperty } from '@nestjs/swagger';

/** What became of a webhook. */
export class WebhookReceiptResponse {
  @ApiProperty({
    enum: ['stored', 'duplicate', 'dropped'],
    description: 'stored: in the inbox, processed shortly; duplicate: seen before; dropped: for a disconnected or unknown shop',
    example: 'stored',
  })
  status!: 'stored' | 'duplicate' | 'dropped';
}
