import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@gantry/core';
import { IsEmail, IsEnum, MaxLength } from 'class-validator';

export class InviteUserDto {
  @ApiProperty({ description: 'The e-mail the person signs in with (unique, case-insensitive)', example: 'ops@example.com' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ enum: Role, example: Role.OPERATOR })
  @IsEnum(Role)
  role!: Role;
}
