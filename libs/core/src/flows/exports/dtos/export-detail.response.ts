import { ApiProperty } from '@nestjs/swagger';
import { ExportResponse } from './export.response';

/** One export with every export of the same source order. */
export class ExportDetailResponse extends ExportResponse {
  @ApiProperty({ type: [ExportResponse], description: 'Every export of that source order, oldest first' })
  history!: ExportResponse[];
}
