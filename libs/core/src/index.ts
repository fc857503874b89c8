export { AppConfig, loadAppConfig, ConfigValidationError, SECRET_ENV_KEYS, APP_ROLES, type AppRole, type NodeEnv } from './config/app-config';
export { ConfigModule } from './config/config.module';
export { DatabaseModule } from './database/database.module';
export { SnakeNamingStrategy } from './database/snake-naming.strategy';
export { isUniqueViolation } from './database/pg-error.util';
export { DomainException, DomainErrorCode, type FieldError } from './errors/domain.exception';
export { Role, roleSatisfies } from './auth/role.enum';
export { RequireRole, Public, REQUIRED_ROLE, PUBLIC_ROUTE } from './auth/require-role.decorator';
export { QueueName } from './queue/queue-name.enum';
export { QueueModule } from './queue/queue.module';
export { redisOptionsFromUrl } from './redis/redis-options.util';
export { OutboxEvent } from './outbox/outbox-event.entity';
export {
  OutboxTopic,
  type NewOutboxEvent,
  type StockChangedPayload,
  type ShipmentCreatedPayload,
  type ReturnReceivedPayload,
  type OrderCancelledPayload,
} from './outbox/outbox-topic';
export { OutboxWriter, OUTBOX_CHANNEL } from './outbox/outbox.writer';
export { HandlesOutboxTopics, type OutboxEventHandler } from './outbox/outbox-handler.decorator';
export { OutboxModule } from './outbox/outbox.module';
export { OutboxWorkerModule } from './outbox/outbox-worker.module';
export { OutboxRelayService } from './outbox/outbox-relay.service';
export { OutboxSweeperService } from './outbox/outbox-sweeper.service';
export { MetricsRegistry } from './metrics/metrics.registry';
export { MetricsModule } from './metrics/metrics.module';
