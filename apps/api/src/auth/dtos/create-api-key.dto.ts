import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@gantry/core';
import { IsEnum, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CreateApiKeyDto {
  @ApiProperty({ description: 'What the key is for', example: 'ERP integration' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: Role, example: Role.OPERATOR })
  @IsEnum(Role)
  role!: Role;
}
