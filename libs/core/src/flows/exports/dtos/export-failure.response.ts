import { ApiProperty } from '@nestjs/swagger';

/** Why an export failed and when it is tried again. */
export class ExportFailureResponse {
  @ApiProperty({
    description:
      'A stable code: unknown_style, insufficient_stock, customer_data, invalid_order, sink_refused, previous_not_cancelled, source_gone, unavailable',
    example: 'insufficient_stock',
  })
  code!: string;

  @ApiProperty({ type: String, nullable: true, example: 'SKU TSHIRT-RED-M: 3 ordered, 1 available at the sink' })
  reason!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['each-run', 'on-change', 'backoff'],
    description:
      'each-run: tried again every run (what stopped it can change by itself); on-change: only a change of the source order (or POST …/retry) helps; backoff: the channel was unavailable',
    example: 'each-run',
  })
  retry!: string | null;
}
