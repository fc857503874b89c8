import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, IsUUID, Length } from 'class-validator';

// Pasted names and tokens often carry a stray space or newline; JOOR's tokens have none of their own.
const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export class ConnectJoorStoreDto {
  @ApiProperty({ example: 'JOOR wholesale', description: 'How the store is named in Gantry', minLength: 1, maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({
    description: 'The API token JOOR support issued for the account; stored encrypted and never shown again',
    minLength: 8,
    maxLength: 500,
    example: 'joor_live_3f9a7c1e5b2d',
  })
  @Transform(trim)
  @IsString()
  @Length(8, 500)
  apiToken!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The connected store that takes the exported orders (a Shopify store)',
    example: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  })
  @IsUUID()
  shopifyStoreId!: string;
}
