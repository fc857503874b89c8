import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';

export class ParcelDto {
  @ApiProperty({ example: 'JJD000390007727551' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  trackingNumber!: string;

  @ApiPropertyOptional({
    format: 'uri',
    description: "The parcel's tracking page; required when the carrier is not a known one",
    example: 'https://www.dhl.com/track?id=JJD000390007727551',
  })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(2000)
  trackingUrl?: string;
}
