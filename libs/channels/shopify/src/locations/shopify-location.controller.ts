import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequireRole, Role } from '@gantry/core';
import { LocationMappingDto } from './dtos/location-mapping.dto';
import { ShopifyLocationService, type LocationMappingView, type ShopifyLocation } from './shopify-location.service';
import { LocationMappingResponse } from './dtos/location-mapping.response';
import { ShopifyLocationResponse } from './dtos/shopify-location.response';

@ApiTags('shopify')
@Controller('stores')
export class ShopifyLocationController {
  constructor(private readonly locations: ShopifyLocationService) {}

  /** The shop's active locations, read live from Shopify. */
  @Get(':id/locations')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  @ApiOperation({
    summary: "List the shop's locations",
    description: "The shop's active locations, read live from Shopify: map each that holds stock to a warehouse.",
  })
  @ApiOkResponse({ type: [ShopifyLocationResponse], description: 'The locations' })
  list(@Param('id', ParseUUIDPipe) id: string): Promise<ShopifyLocation[]> {
    return this.locations.listLocations(id);
  }

  @Get(':id/location-mappings')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  @ApiOperation({
    summary: "List the store's location mappings",
    description: 'Which warehouse (and shipping process) backs each Shopify location.',
  })
  @ApiOkResponse({ type: [LocationMappingResponse], description: 'The mappings' })
  mappings(@Param('id', ParseUUIDPipe) id: string): Promise<LocationMappingView[]> {
    return this.locations.mappings(id);
  }

  // An array (anything else answers "Send a JSON array"); its items are validated in the service, named by index.
  @Put(':id/location-mappings')
  @RequireRole(Role.ADMIN)
  @ApiBody({
    type: LocationMappingDto,
    isArray: true,
    examples: {
      one: {
        summary: 'One location, the default',
        value: [
          {
            locationId: 'gid://shopify/Location/1',
            warehouseId: 'c0a8012e-7d1f-4b8e-9a3c-5e2f1d0b9a11',
            shippingProcessId: '5b7e2c1a-3f4d-4e6a-8b9c-0d1e2f3a4b5c',
            isDefault: true,
          },
        ],
      },
    },
  })
  @ApiBadRequestResponse({ description: 'Invalid item, process of another warehouse, or not exactly one default' })
  @ApiNotFoundResponse({ description: 'Unknown store, location, warehouse or shipping process' })
  @ApiConflictResponse({ description: 'One warehouse would back two locations of the store' })
  @ApiOperation({
    summary: "Replace the store's location mappings",
    description:
      'The whole list, as an array: each Shopify location with the warehouse and shipping process behind it; exactly one is the default for orders whose location is not mapped. Stock sync, order import and fulfillments route by it.',
  })
  @ApiOkResponse({ type: [LocationMappingResponse], description: 'The mappings now' })
  replace(@Param('id', ParseUUIDPipe) id: string, @Body() body: unknown[]): Promise<LocationMappingView[]> {
    return this.locations.replaceMappings(id, body);
  }
}
