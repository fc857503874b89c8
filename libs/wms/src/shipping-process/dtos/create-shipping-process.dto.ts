import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export class CreateShippingProcessDto {
  @ApiProperty({ description: 'Your code, unique within the warehouse (1–64 letters, digits, . _ -)', example: 'PARCEL' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'code must be 1–64 letters, digits, dot, dash or underscore' })
  code!: string;

  @ApiProperty({ example: 'Parcel, next day' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'The warehouse it belongs to', example: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11' })
  @IsUUID()
  warehouseId!: string;
}
