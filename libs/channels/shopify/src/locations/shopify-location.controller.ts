import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@gantry/core';
import { LocationMappingDto } from './dtos/location-mapping.dto';
import { ShopifyLocationService, type LocationMappingView, type ShopifyLocation } from './shopify-location.service';

@ApiTags('shopify')
@Controller('stores')
export class ShopifyLocationController {
  constructor(private readonly locations: ShopifyLocationService) {}

  /** The shop's active locations, read live from Shopify. */
  @Get(':id/locations')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  list(@Param('id', ParseUUIDPipe) id: string): Promise<ShopifyLocation[]> {
    return this.locations.listLocations(id);
  }

  @Get(':id/location-mappings')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  mappings(@Param('id', ParseUUIDPipe) id: string): Promise<LocationMappingView[]> {
    return this.locations.mappings(id);
  }

  // Validated in the service, which names each item by its index.
  @Put(':id/location-mappings')
  @RequireRole(Role.ADMIN)
  @ApiBody({ type: LocationMappingDto, isArray: true })
  @ApiBadRequestResponse({ description: 'Invalid item, process of another warehouse, or not exactly one default' })
  @ApiNotFoundResponse({ description: 'Unknown store, location, warehouse or shipping process' })
  @ApiConflictResponse({ description: 'One warehouse would back two locations of the store' })
  replace(@Param('id', ParseUUIDPipe) id: string, @Body() body: unknown): Promise<LocationMappingView[]> {
    return this.locations.replaceMappings(id, body);
  }
}
