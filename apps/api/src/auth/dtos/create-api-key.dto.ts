import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role } from '@gantry/core';
import { IsEnum, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsFutureIsoDate } from './future-date.validator';

export class CreateApiKeyDto {
  @ApiProperty({ description: 'What the key is for', example: 'ERP integration' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: Role, example: Role.OPERATOR })
  @IsEnum(Role)
  role!: Role;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'When the key stops working (401 "API key expired" from then on): an ISO 8601 date (midnight UTC) or date-time with its offset, in the future. Absent or null: it never expires.',
    example: '2099-01-31T00:00:00Z',
  })
  @IsOptional()
  @IsString()
  @IsFutureIsoDate()
  expiresAt?: string | null;
}
