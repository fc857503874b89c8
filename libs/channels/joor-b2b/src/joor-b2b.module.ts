import { Module } from '@nestjs/common';
import { AppConfig, channelAdapterProviders, ChannelsModule } from '@gantry/core';
import { JoorApiClient } from './client/joor-api.client';
import { JoorApiConfig } from './client/joor-api.config';
import { JoorConnectController } from './connect/joor-connect.controller';
import { JoorConnectService } from './connect/joor-connect.service';
import { JoorChannelAdapter } from './joor-channel.adapter';

/** The JOOR channel: a wholesale order source (approved orders out of JOOR) and its token connect. */
@Module({
  imports: [ChannelsModule],
  controllers: [JoorConnectController],
  providers: [
    ...channelAdapterProviders(JoorChannelAdapter),
    { provide: JoorApiConfig, inject: [AppConfig], useFactory: (config: AppConfig) => JoorApiConfig.fromAppConfig(config) },
    JoorApiClient,
    JoorConnectService,
  ],
  exports: [JoorChannelAdapter, JoorApiClient],
})
export class JoorB2bModule {}
