import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainException, isUniqueViolation } from '@gantry/core';
import { Repository } from 'typeorm';
import { Warehouse } from '../warehouse/warehouse.entity';
import type { CreateShippingProcessDto } from './dtos/create-shipping-process.dto';
import { ShippingProcess } from './shipping-process.entity';

@Injectable()
export class ShippingProcessService {
  constructor(
    @InjectRepository(ShippingProcess) private readonly processes: Repository<ShippingProcess>,
    @InjectRepository(Warehouse) private readonly warehouses: Repository<Warehouse>,
  ) {}

  list(warehouseId?: string): Promise<ShippingProcess[]> {
    return this.processes.find({ where: warehouseId ? { warehouseId } : {}, order: { code: 'ASC' } });
  }

  async create(dto: CreateShippingProcessDto): Promise<ShippingProcess> {
    if (!(await this.warehouses.existsBy({ id: dto.warehouseId }))) {
      throw DomainException.notFound(`No warehouse ${dto.warehouseId}`, 'warehouseId');
    }
    try {
      return await this.processes.save(this.processes.create(dto));
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw DomainException.conflict(`Warehouse ${dto.warehouseId} already has a shipping process ${dto.code}`, 'code');
      }
      throw error;
    }
  }
}
