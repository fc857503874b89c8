import { ApiProperty } from '@nestjs/swagger';
import { HealthChecksResponse } from './health-checks.response';

/** The answer of GET /health, with 200 (ok) and with 503 (degraded) alike. */
export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'], description: 'degraded: a dependency is down (the answer is then 503)', example: 'ok' })
  status!: 'ok' | 'degraded';

  @ApiProperty({ type: HealthChecksResponse, example: { database: { status: 'up' }, redis: { status: 'up' } } })
  checks!: HealthChecksResponse;
}
