import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@gantry/core';

/** An API key, without its secret. */
export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid', example: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11' })
  id!: string;

  @ApiProperty({ description: 'What the key is for', example: 'ERP integration' })
  name!: string;

  @ApiProperty({ enum: Role, example: Role.OPERATOR })
  role!: Role;

  @ApiProperty({ description: 'The public part of the key (gk_<prefix>_…), to recognise it', example: 'Ab3dEf6hIj9k' })
  prefix!: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2026-07-01T09:30:00.000Z' })
  createdAt!: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last use (to the minute)', example: null })
  lastUsedAt!: Date | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it stops (or stopped) working; null: never',
    example: '2027-01-31T00:00:00.000Z',
  })
  expiresAt!: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was revoked', example: null })
  revokedAt!: Date | null;
}
