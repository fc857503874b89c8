import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { CredentialCipher } from '../crypto/credential-cipher';
import { PluginController } from '../plugin/plugin.controller';
import { Plugin } from '../plugin/plugin.entity';
import { PluginService } from '../plugin/plugin.service';
import { StoreChangeRecorder } from '../store/store-change.recorder';
import { StoreController } from '../store/store.controller';
import { Store } from '../store/store.entity';
import { StoreViewService } from '../store/store-view.service';
import { StoreService } from '../store/store.service';
import { StoreConnectionService } from '../store/store-connection.service';
import { StoreCredentialsReencryptionService } from '../store/store-credentials-reencryption.service';
import { SyncFailurePolicy } from '../sync-run/sync-failure.policy';
import { SyncRunItem } from '../sync-run/sync-run-item.entity';
import { SyncRunController } from '../sync-run/sync-run.controller';
import { SyncRun } from '../sync-run/sync-run.entity';
import { SyncRunService } from '../sync-run/sync-run.service';
import { SyncRunner } from '../sync-run/sync-runner.service';
import { ChannelLocationMappingService } from '../mapping/channel-location-mapping.service';
import { ChannelProductMappingService } from '../mapping/channel-product-mapping.service';
import { ChannelRegistry } from './channel.registry';

const services = [
  ChannelRegistry,
  PluginService,
  StoreService,
  StoreConnectionService,
  SyncRunService,
  SyncRunner,
  ChannelLocationMappingService,
  ChannelProductMappingService,
  StoreChangeRecorder,
  StoreViewService,
  StoreCredentialsReencryptionService,
];

/** The channel framework: registry, plugins, stores, sync runs. Channel libs add adapters under CHANNEL_ADAPTERS. */
@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([Plugin, Store, SyncRun, SyncRunItem])],
  controllers: [PluginController, StoreController, SyncRunController],
  providers: [
    ...services,
    {
      provide: CredentialCipher,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new CredentialCipher(config.encryptionKey, config.previousEncryptionKeys),
    },
    { provide: SyncFailurePolicy, useFactory: () => new SyncFailurePolicy() },
  ],
  exports: [...services, CredentialCipher, SyncFailurePolicy],
})
export class ChannelsModule {}
