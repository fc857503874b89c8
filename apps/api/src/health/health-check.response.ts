import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One dependency's state. */
export class HealthCheckResponse {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status!: 'up' | 'down';

  @ApiPropertyOptional({ description: 'Why it is down (no answer within 2 s, refused, …)', example: 'no answer within 2000 ms' })
  error?: string;
}
