import { ApiProperty } from '@nestjs/swagger';
import { HealthCheckResponse } from './health-check.response';

/** The dependencies the API cannot work without. */
export class HealthChecksResponse {
  @ApiProperty({ type: HealthCheckResponse, description: 'PostgreSQL' })
  database!: HealthCheckResponse;

  @ApiProperty({ type: HealthCheckResponse, description: 'Redis (the queues)' })
  redis!: HealthCheckResponse;
}
