import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainException, isUniqueViolation } from '@gantry/core';
import { MoreThan, Repository, type FindOptionsWhere } from 'typeorm';
import type { CreateProductDto } from './dtos/create-product.dto';
import type { ProductQueryDto } from './dtos/product-query.dto';
import { Product } from './product.entity';

@Injectable()
export class ProductService {
  constructor(@InjectRepository(Product) private readonly products: Repository<Product>) {}

  find(query: ProductQueryDto): Promise<Product[]> {
    const where: FindOptionsWhere<Product> = {};
    if (query.sku !== undefined) {
      where.sku = query.sku;
    } else if (query.after !== undefined) {
      where.sku = MoreThan(query.after);
    }
    if (query.barcode !== undefined) {
      where.barcode = query.barcode;
    }
    return this.products.find({ where, order: { sku: 'ASC' }, take: query.limit ?? 100 });
  }

  async get(id: string): Promise<Product> {
    const product = await this.products.findOneBy({ id });
    if (!product) {
      throw DomainException.notFound(`No product ${id}`);
    }
    return product;
  }

  async create(dto: CreateProductDto): Promise<Product> {
    try {
      return await this.products.save(this.products.create({ ...dto, barcode: dto.barcode ?? null }));
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw DomainException.conflict(`A product with SKU ${dto.sku} already exists`, 'sku');
      }
      throw error;
    }
  }
}
