import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@gantry/core';
import { ProductSyncService, type ProductMappingView, type ProductSyncView } from './product-sync.service';
import { ProductMappingQueryDto } from './dtos/product-mapping-query.dto';
import { ProductMappingResponse } from './dtos/product-mapping.response';
import { ProductSyncResponse } from './dtos/product-sync.response';

@ApiTags('shopify')
@Controller('stores')
export class ProductSyncController {
  constructor(private readonly sync: ProductSyncService) {}

  /** Maps the shop's variants to WMS products now; answers the finished sync run. */
  @Post(':id/product-sync')
  @HttpCode(200)
  @RequireRole(Role.INTEGRATION_MANAGER)
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The store is not connected' })
  @ApiOperation({
    summary: "Map the shop's variants to products now",
    description:
      'Maps every Shopify variant to a warehouse product by SKU, then barcode (creating missing products when createMissingProducts is on); never changes stock or an existing mapping. Answers the finished sync run.',
  })
  @ApiOkResponse({ type: ProductSyncResponse, description: 'The finished product sync run' })
  run(@Param('id', ParseUUIDPipe) id: string): Promise<ProductSyncView> {
    return this.sync.run(id);
  }

  @Get(':id/product-mappings')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  @ApiOperation({
    summary: "List the store's product mappings",
    description: 'Which Shopify variant each warehouse product is mapped to, page by page; `search` looks through all of them.',
  })
  @ApiOkResponse({ type: [ProductMappingResponse], description: 'The mappings' })
  mappings(@Param('id', ParseUUIDPipe) id: string, @Query() query: ProductMappingQueryDto): Promise<ProductMappingView[]> {
    return this.sync.mappings(id, query);
  }
}
