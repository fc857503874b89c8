import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainException, isUniqueViolation } from '@gantry/core';
import { Repository } from 'typeorm';
import type { CreateWarehouseDto } from './dtos/create-warehouse.dto';
import { Warehouse } from './warehouse.entity';

@Injectable()
export class WarehouseService {
  constructor(@InjectRepository(Warehouse) private readonly warehouses: Repository<Warehouse>) {}

  list(): Promise<Warehouse[]> {
    return this.warehouses.find({ order: { code: 'ASC' } });
  }

  async get(id: string): Promise<Warehouse> {
    const warehouse = await this.warehouses.findOneBy({ id });
    if (!warehouse) {
      throw DomainException.notFound(`No warehouse ${id}`);
    }
    return warehouse;
  }

  async create(dto: CreateWarehouseDto): Promise<Warehouse> {
    try {
      return await this.warehouses.save(this.warehouses.create(dto));
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw DomainException.conflict(`A warehouse with code ${dto.code} already exists`, 'code');
      }
      throw error;
    }
  }
}
