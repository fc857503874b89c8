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
  })
  @Transform(trim)
  @IsString()
  @Length(8, 500)
  apiToken!: string;

  @ApiProperty({ format: 'uuid', description: 'The connected store that takes the exported orders (a Shopify store)' })
  @IsUUID()
  shopifyStoreId!: string;
}
