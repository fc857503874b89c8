import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditActorInterceptor } from './audit-actor.interceptor';
import { AuditEntry } from './audit-entry.entity';
import { AuditLogController } from './audit-log.controller';
import { AuditService } from './audit.service';

/** The audit log: `AuditService` for every module that changes things, its route, and the interceptor naming the actor. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry])],
  controllers: [AuditLogController],
  providers: [AuditService, { provide: APP_INTERCEPTOR, useClass: AuditActorInterceptor }],
  exports: [AuditService],
})
export class AuditModule {}
