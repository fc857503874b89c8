import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequireRole, Role } from '@gantry/core';
import { CreateProductDto } from './dtos/create-product.dto';
import { ProductQueryDto } from './dtos/product-query.dto';
import type { Product } from './product.entity';
import { ProductService } from './product.service';
import { ProductResponse } from './dtos/product.response';

@ApiTags('products')
@Controller('products')
export class ProductController {
  constructor(private readonly service: ProductService) {}

  @Get()
  @RequireRole(Role.VIEWER)
  @ApiOperation({
    summary: 'Find products',
    description: 'By SKU or barcode, or one page of all products ordered by SKU (`after`: the last SKU of the previous page).',
  })
  @ApiOkResponse({ type: [ProductResponse], description: 'The matching products, by SKU' })
  find(@Query() query: ProductQueryDto): Promise<Product[]> {
    return this.service.find(query);
  }

  @Get(':id')
  @RequireRole(Role.VIEWER)
  @ApiOperation({ summary: 'Get a product' })
  @ApiOkResponse({ type: ProductResponse, description: 'The product' })
  @ApiNotFoundResponse({ description: 'No product with this id' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<Product> {
    return this.service.get(id);
  }

  @Post()
  @RequireRole(Role.OPERATOR)
  @ApiOperation({ summary: 'Create a product', description: 'One SKU; channels map their variants to products by SKU, then barcode.' })
  @ApiCreatedResponse({ type: ProductResponse, description: 'The new product' })
  @ApiConflictResponse({ description: 'A product with this SKU exists (field sku)' })
  @ApiBody({
    type: CreateProductDto,
    examples: {
      product: { summary: 'A product with a barcode', value: { sku: 'TSHIRT-RED-M', name: 'T-shirt red M', barcode: '8712345678906' } },
    },
  })
  create(@Body() dto: CreateProductDto): Promise<Product> {
    return this.service.create(dto);
  }
}
