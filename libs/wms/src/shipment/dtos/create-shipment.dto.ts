import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ParcelDto } from './parcel.dto';

export class ShipmentLineDto {
  @ApiProperty({ description: 'An order line, by SKU', example: 'TSHIRT-RED-M' })
  @IsString()
  @IsNotEmpty()
  sku!: string;

  @ApiProperty({ minimum: 1, maximum: 1_000_000, description: 'How many of it this shipment carries', example: 2 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity!: number;
}

/** The parcels of a shipment: one tracking number (and URL), or several parcels. */
export class ShipmentTrackingDto {
  @ApiProperty({
    example: 'dhl_express',
    description:
      'A known carrier by code or name (ups, usps, fedex, dhl_express, dpd, gls, postnl, royal_mail, …) or any other name with a trackingUrl per parcel',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  carrier!: string;

  @ApiPropertyOptional({ example: 'JJD000390007727551', description: 'One parcel; give `parcels` instead for several' })
  @ValidateIf((d: ShipmentTrackingDto) => d.parcels === undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  trackingNumber?: string;

  @ApiPropertyOptional({
    format: 'uri',
    description: "The parcel's tracking page (with trackingNumber); required when the carrier is not a known one",
    example: 'https://www.dhl.com/track?id=JJD000390007727551',
  })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(2000)
  trackingUrl?: string;

  @ApiPropertyOptional({ type: [ParcelDto], description: 'Several parcels, each with its tracking (instead of trackingNumber)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ParcelDto)
  parcels?: ParcelDto[];
}

export class CreateShipmentDto extends ShipmentTrackingDto {
  @ApiProperty({ type: [ShipmentLineDto], minItems: 1, maxItems: 500, description: 'What the shipment carries' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ShipmentLineDto)
  lines!: ShipmentLineDto[];
}
