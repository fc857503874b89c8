import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import {
  AppConfig,
  AuditModule,
  ChannelsModule,
  ConfigModule,
  DatabaseModule,
  MetricsModule,
  OutboxModule,
  OutboxWorkerModule,
  QueueModule,
  StockSyncModule,
  StockSyncWorkerModule,
  OrderImportModule,
  OrderImportWorkerModule,
  FulfillmentModule,
  FulfillmentWorkerModule,
  ReturnSyncModule,
  ReturnSyncWorkerModule,
  WholesaleExportModule,
  WholesaleExportWorkerModule,
  PrivacyModule,
  PrivacyWorkerModule,
} from '@gantry/core';
import { JoorB2bModule } from '@gantry/joor-b2b';
import { ShopifyModule, ShopifyWorkerModule } from '@gantry/shopify';
import { WmsModule } from '@gantry/wms';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import { HealthController } from './health/health.controller';
import { loggerOptions } from './logging/logger-options';
import { MetricsController } from './metrics/metrics.controller';
import { PlatformMetricsService } from './metrics/platform-metrics.service';
import { PortsModule } from './ports/ports.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { SessionsModule } from './sessions/sessions.module';
import { UsersModule } from './users/users.module';

export interface AppModuleOptions {
  api: boolean;
  worker: boolean;
  /** Extra modules (tests register fake channels here through the real tokens). */
  imports?: ModuleMetadata['imports'];
}

/** One codebase, two roles: the HTTP API and the workers (relay, sweeper, queue processors, schedules). */
@Module({})
export class AppModule {
  static forRole(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule,
        LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerOptions }),
        DatabaseModule,
        QueueModule,
        OutboxModule,
        AuditModule,
        MetricsModule,
        AuthModule,
        UsersModule,
        SessionsModule,
        RateLimitsModule,
        WmsModule,
        PortsModule,
        ChannelsModule,
        StockSyncModule,
        OrderImportModule,
        FulfillmentModule,
        ReturnSyncModule,
        WholesaleExportModule,
        PrivacyModule,
        ShopifyModule,
        // Both roles: the connect route serves the API, the adapter the export engine's workers.
        JoorB2bModule,
        ...(options.worker
          ? [
              ScheduleModule.forRoot(),
              OutboxWorkerModule,
              StockSyncWorkerModule,
              OrderImportWorkerModule,
              FulfillmentWorkerModule,
              ReturnSyncWorkerModule,
              WholesaleExportWorkerModule,
              PrivacyWorkerModule,
              ShopifyWorkerModule,
            ]
          : []),
        ...(options.imports ?? []),
      ],
      controllers: options.api ? [HealthController, MetricsController] : [],
      providers: [PlatformMetricsService],
      exports: [PlatformMetricsService],
    };
  }
}
