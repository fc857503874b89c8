import { Module } from '@nestjs/common';
import { AppConfig, channelAdapterProviders, ChannelsModule, WholesaleExportModule } from '@gantry/core';
import { JoorApiClient } from './client/joor-api.client';
import { JoorApiConfig } from './client/joor-api.config';
import { JoorConnectController } from './connect/joor-connect.controller';
import { JoorConnectService } from './connect/joor-connect.service';
import { JoorChannelAdapter } from './joor-channel.adapter';
import { JoorSyncController } from './sync/joor-sync.controller';

/**
 * The JOOR channel: a wholesale order source (approved orders out of JOOR), its token connect, and the manual sync
 * route (a run of the core's export engine for one JOOR store).
 */
@Module({
  imports: [ChannelsModule, WholesaleExportModule],
  controllers: [JoorConnectController, JoorSyncController],
  providers: [
    ...channelAdapterProviders(JoorChannelAdapter),
    { provide: JoorApiConfig, inject: [AppConfig], useFactory: (config: AppConfig) => JoorApiConfig.fromAppConfig(config) },
    JoorApiClient,
    JoorConnectService,
  ],
  exports: [JoorChannelAdapter, JoorApiClient],
})
export class JoorB2bModule {}
