export {
  AppConfig,
  loadAppConfig,
  ConfigValidationError,
  SECRET_ENV_KEYS,
  APP_ROLES,
  type AppRole,
  type NodeEnv,
} from './config/app-config';
export { ConfigModule } from './config/config.module';
export { DatabaseModule } from './database/database.module';
export { SnakeNamingStrategy } from './database/snake-naming.strategy';
export { isUniqueViolation, isForeignKeyViolation } from './database/pg-error.util';
export { DomainException, DomainErrorCode, type FieldError } from './errors/domain.exception';
export { Role, roleSatisfies } from './auth/role.enum';
export { RequireRole, Public, REQUIRED_ROLE, PUBLIC_ROUTE } from './auth/require-role.decorator';
export { RateLimit, RATE_LIMITS, type RateLimitMetadata, type RateLimitRule, type RateLimitSubject } from './auth/rate-limit.decorator';
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
  type WebhookReceivedPayload,
} from './outbox/outbox-topic';
export { OutboxWriter, OUTBOX_CHANNEL } from './outbox/outbox.writer';
export { HandlesOutboxTopics, type OutboxEventHandler } from './outbox/outbox-handler.decorator';
export { OutboxModule } from './outbox/outbox.module';
export { OutboxWorkerModule } from './outbox/outbox-worker.module';
export { OutboxRelayService } from './outbox/outbox-relay.service';
export { OutboxSweeperService } from './outbox/outbox-sweeper.service';
export { MetricsRegistry } from './metrics/metrics.registry';
export { MetricsModule } from './metrics/metrics.module';
export { CredentialCipher } from './crypto/credential-cipher';
export { flattenValidationErrors, STRICT_VALIDATION_OPTIONS } from './validation/flatten-validation-errors.util';
export { hasJsonBodyShape, jsonBodyExpected, type JsonBodyShape } from './validation/json-body.util';
export { validateSettings, mergeSettings, settingsToPlain, isPlainObject } from './validation/settings.util';
export { LimitParam, OffsetParam, StoreIdParam } from './validation/query-params.util';
export type {
  ChannelAdapter,
  ChannelContext,
  ChannelCredentials,
  ChannelPage,
  ChannelCatalogItem,
  StockSyncMode,
  StockSinkTraits,
  ChannelStockPair,
  ChannelStockLine,
  ChannelStockWrite,
  ChannelStockLineResult,
  ChannelStockWriteResult,
  ChannelOrder,
  ChannelOrderLine,
  ChannelOrderAllocation,
  ChannelOrderRead,
  ChannelOrderQuery,
  OrderSourceTraits,
  ChannelTracking,
  ChannelAllocationState,
  ChannelFulfillmentRecord,
  ChannelFulfillmentState,
  ChannelFulfillmentCreate,
  ChannelReturn,
  ChannelReturnStatus,
  ChannelReturnLine,
  ChannelReturnDisposalLine,
  ChannelReturnDisposal,
  ChannelAddress,
  WholesaleItemRef,
  WholesaleOrderLine,
  WholesaleOrderDetail,
  WholesaleOrder,
  ExportInventoryBehaviour,
  ChannelOrderCreateLine,
  ChannelOrderCreate,
  ExportedOrderRef,
  ExportItemResolution,
  WholesaleOrderSource,
  WholesaleOrderPage,
  RawWebhookRequest,
  ChannelWebhookEvent,
  ConnectStart,
  ConnectCompletion,
  ConnectResult,
  CatalogSource,
  StockSink,
  OrderSource,
  FulfillmentSink,
  ReturnSource,
  ReturnSink,
  OrderSink,
  WebhookReceiver,
  ConnectFlow,
} from './channel/channel-adapter.interface';
export {
  hasCapability,
  missingCapabilityMethods,
  CHANNEL_CAPABILITIES,
  CAPABILITY_METHODS,
  type ChannelCapability,
  type ChannelCapabilityMap,
} from './channel/channel-capability';
export { ChannelErrorCode } from './channel/channel-error-code.enum';
export { ChannelAdapterException } from './channel/channel-adapter.exception';
export { CHANNEL_ADAPTERS, channelAdapterProviders } from './channel/channel-adapters.token';
export { ChannelRegistry } from './channel/channel.registry';
export { ChannelsModule } from './channel/channels.module';
export { ChannelAdapterHostModule } from './channel/channel-adapter-host.module';
export { Plugin } from './plugin/plugin.entity';
export { PluginService, type PluginView } from './plugin/plugin.service';
export { Store } from './store/store.entity';
export { StoreStatus } from './store/store-status.enum';
export { StoreService, type ResolvedStore } from './store/store.service';
export { StoreConnectionService, type ConnectStoreInput } from './store/store-connection.service';
export {
  StoreCredentialsReencryptionService,
  type ReencryptionFailure,
  type ReencryptionOptions,
  type ReencryptionReport,
} from './store/store-credentials-reencryption.service';
export { toStoreView, type StoreView } from './store/store.view';
export { SyncRun } from './sync-run/sync-run.entity';
export { StoreResponse } from './store/dtos/store.response';
export { SyncRunResponse } from './sync-run/dtos/sync-run.response';
export { SyncRunItem } from './sync-run/sync-run-item.entity';
export { SyncRunStatus } from './sync-run/sync-run-status.enum';
export { SyncRunService, type SyncItemOutcome, type SyncRunFilter } from './sync-run/sync-run.service';
export { SyncRunner, type SyncScope, type SyncResult } from './sync-run/sync-runner.service';
export {
  SyncFailurePolicy,
  DEFAULT_SYNC_FAILURE_POLICY_OPTIONS,
  type SyncDecision,
  type SyncFailurePolicyOptions,
} from './sync-run/sync-failure.policy';
export { CORE_MIGRATIONS } from './migrations';
export {
  WarehousePort,
  type WarehouseOrderLine,
  type WarehouseOrderDraft,
  type WarehouseOrderSync,
  type WarehouseOrderCancel,
  type WarehouseShipment,
  type WarehouseReturnDraft,
  type WarehouseReturnSync,
  type WarehouseReturnReceipt,
  type WarehouseLevel,
  type WarehouseLevelKey,
  type WarehouseVersionRange,
  type WarehouseProduct,
  type NewWarehouseProduct,
} from './ports/warehouse.port';
export { ChannelLocationMappingService, type ChannelLocationMapping } from './mapping/channel-location-mapping.service';
export { ChannelProductMappingService, type ChannelProductMapping } from './mapping/channel-product-mapping.service';
export { StockSyncSettings, type WithStockSyncSettings } from './flows/stock/stock-sync.settings';
export { StockSyncModule } from './flows/stock/stock-sync.module';
export { OrderFilterSettings, type WithOrderFilterSettings } from './flows/orders/order-import.settings';
export { orderFilterVerdict, type OrderFilterVerdict } from './flows/orders/order-filter.decision';
export { OrderImportModule } from './flows/orders/order-import.module';
export { OrderImportWorkerModule } from './flows/orders/order-import-worker.module';
export { OrderIntakeService } from './flows/orders/order-intake.service';
export { OrderImportService } from './flows/orders/order-import.service';
export { OrderImportScheduler } from './flows/orders/order-import.scheduler';
export type { OrderIntakeOutcome, ChannelOrderState, ChannelOrderView } from './flows/orders/channel-order.repository';
export { StockSyncWorkerModule } from './flows/stock/stock-sync-worker.module';
export { StockChannelEditService, type ChannelStockEdit } from './flows/stock/stock-channel-edit.service';
export { StockPushService, type FlushOutcome } from './flows/stock/stock-push.service';
export { StockFlushScheduler } from './flows/stock/stock-flush.scheduler';
export { StockReconcileService } from './flows/stock/stock-reconcile.service';
export { FulfillmentSettings, type WithFulfillmentSettings } from './flows/fulfillments/fulfillment.settings';
export { FulfillmentModule } from './flows/fulfillments/fulfillment.module';
export { FulfillmentWorkerModule } from './flows/fulfillments/fulfillment-worker.module';
export { FulfillmentPushService } from './flows/fulfillments/fulfillment-push.service';
export { FulfillmentPushScheduler } from './flows/fulfillments/fulfillment-push.scheduler';
export type { FulfillmentPushView, FulfillmentPushState } from './flows/fulfillments/fulfillment-push.repository';
export { ReturnSyncSettings, type WithReturnSyncSettings } from './flows/returns/return-sync.settings';
export { ReturnSyncModule } from './flows/returns/return-sync.module';
export { ReturnSyncWorkerModule } from './flows/returns/return-sync-worker.module';
export { ReturnIntakeService } from './flows/returns/return-intake.service';
export { ReturnSyncService } from './flows/returns/return-sync.service';
export type { ChannelReturnView, ChannelReturnState } from './flows/returns/channel-return.repository';
export { FulfillmentIntakeService } from './flows/fulfillments/fulfillment-intake.service';
export {
  WholesaleExportSettings,
  ExportTaxRate,
  EXPORT_MIN_INTERVAL_MINUTES,
  EXPORT_INVENTORY_BEHAVIOURS,
  EXPORT_NOTE_FIELDS,
} from './flows/exports/export.settings';
export { WholesaleExportModule } from './flows/exports/wholesale-export.module';
export { WholesaleExportWorkerModule } from './flows/exports/wholesale-export-worker.module';
export { WholesaleExportScheduler } from './flows/exports/wholesale-export.scheduler';
export { ExportRunService, EXPORT_RUN_KIND, exportIdentity } from './flows/exports/export-run.service';
export { ExportRequestService } from './flows/exports/export-request.service';
export { MailSender, type MailMessage } from './mail/mail-sender.service';
export { MailModule } from './mail/mail.module';
export { PrivacyModule } from './privacy/privacy.module';
export { PrivacyWorkerModule } from './privacy/privacy-worker.module';
export { PrivacyService, type PrivacyRequestInput, type PrivacyOutcome } from './privacy/privacy.service';
export { RetentionService } from './privacy/retention.service';
export {
  HoldsPersonalData,
  type PersonalDataHolder,
  type PersonalDataRecord,
  type PersonalDataSubject,
} from './privacy/personal-data-holder';
export { redactedAddressSql, nulledInArraySql } from './privacy/personal-data.sql';
export { PRIVACY_REQUEST_KINDS, type PrivacyRequestKind } from './privacy/privacy-request.repository';
export { AuditModule } from './audit/audit.module';
export { AuditService, type AuditChange, type AuditEntryView, type AuditLogFilter } from './audit/audit.service';
export { AuditContext, type AuditScope } from './audit/audit-context';
export { SYSTEM_ACTOR, actorOfPrincipal, type AuditActor, type AuditActorKind } from './audit/audit-actor';
export { AUDIT_ACTIONS, type AuditAction } from './audit/audit-action';
