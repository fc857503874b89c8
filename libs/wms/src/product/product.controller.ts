import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequireRole, Role } from '@gantry/core';
import { CreateProductDto } from './dtos/create-product.dto';
import { ProductQueryDto } from './dtos/product-query.dto';
import type { Product } from './product.entity';
import { ProductService } from './product.service';

@ApiTags('products')
@Controller('products')
export class ProductController {
  constructor(private readonly service: ProductService) {}

  @Get()
  @RequireRole(Role.VIEWER)
  find(@Query() query: ProductQueryDto): Promise<Product[]> {
    return this.service.find(query);
  }

  @Get(':id')
  @RequireRole(Role.VIEWER)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<Product> {
    return this.service.get(id);
  }

  @Post()
  @RequireRole(Role.OPERATOR)
  create(@Body() dto: CreateProductDto): Promise<Product> {
    return this.service.create(dto);
  }
}
