import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@gantry/core';
import { ProductSyncService, type ProductMappingView, type ProductSyncView } from './product-sync.service';

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
  run(@Param('id', ParseUUIDPipe) id: string): Promise<ProductSyncView> {
    return this.sync.run(id);
  }

  @Get(':id/product-mappings')
  @RequireRole(Role.VIEWER)
  @ApiNotFoundResponse()
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  mappings(
    @Param('id', ParseUUIDPipe) id: string,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
  ): Promise<ProductMappingView[]> {
    return this.sync.mappings(id, {
      ...(limit ? { limit: Number(limit) || 1000 } : {}),
      ...(offset ? { offset: Number(offset) || 0 } : {}),
    });
  }
}
