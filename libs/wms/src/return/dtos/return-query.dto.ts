import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { ReturnStatus } from '../return-status.enum';

export class ReturnQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this store's returns" })
  @IsOptional()
  @IsUUID()
  storeId?: string;

  @ApiPropertyOptional({ enum: ReturnStatus, description: 'Only returns in this status' })
  @IsOptional()
  @IsEnum(ReturnStatus)
  status?: ReturnStatus;
}
