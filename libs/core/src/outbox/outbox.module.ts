import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxMetrics } from './outbox.metrics';
import { OutboxWriter } from './outbox.writer';

/** The write side of the outbox and its metrics, used by every role. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEvent])],
  providers: [OutboxWriter, OutboxMetrics],
  exports: [OutboxWriter],
})
export class OutboxModule {}
