import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class CreateWarehouseDto {
  @ApiProperty({ description: 'Your code, unique (1–64 letters, digits, . _ -)', example: 'AMS-1' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'code must be 1–64 letters, digits, dot, dash or underscore' })
  code!: string;

  @ApiProperty({ example: 'Amsterdam' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name!: string;
}
