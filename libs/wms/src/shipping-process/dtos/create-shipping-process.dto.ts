import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export class CreateShippingProcessDto {
  @ApiProperty({ example: 'PARCEL' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { message: 'code must be 1–64 letters, digits, dot, dash or underscore' })
  code!: string;

  @ApiProperty({ example: 'Parcel, next day' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  warehouseId!: string;
}
