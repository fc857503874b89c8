import { ApiPropertyOptional } from '@nestjs/swagger';
import { Role } from '@gantry/core';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: Role, description: 'A new role', example: Role.INTEGRATION_MANAGER })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ description: 'false deactivates: the person can no longer sign in', example: false })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
