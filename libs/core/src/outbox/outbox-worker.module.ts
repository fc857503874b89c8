import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OutboxDispatchProcessor } from './outbox-dispatch.processor';
import { OutboxHandlerRegistry } from './outbox-handler.registry';
import { OutboxRelayService } from './outbox-relay.service';
import { OutboxSweeperService } from './outbox-sweeper.service';

/** Relay, sweeper and dispatcher: loaded by the worker role only. */
@Module({
  imports: [DiscoveryModule],
  providers: [OutboxHandlerRegistry, OutboxRelayService, OutboxSweeperService, OutboxDispatchProcessor],
  exports: [OutboxRelayService, OutboxSweeperService],
})
export class OutboxWorkerModule {}
