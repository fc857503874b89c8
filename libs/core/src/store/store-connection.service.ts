import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AuditActor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import type { ChannelCredentials } from '../channel/channel-adapter.interface';
import { ChannelRegistry } from '../channel/channel.registry';
import { CredentialCipher } from '../crypto/credential-cipher';
import { DomainException } from '../errors/domain.exception';
import { PluginService } from '../plugin/plugin.service';
import { mergeSettings, settingsToPlain, validateSettings } from '../validation/settings.util';
import { auditable } from './store-auditable';
import { StoreChangeRecorder } from './store-change.recorder';
import { Store } from './store.entity';
import { StoreService } from './store.service';
import { StoreStatus } from './store-status.enum';

export interface ConnectStoreInput {
  pluginKey: string;
  externalAccountId: string;
  name: string;
  credentials: ChannelCredentials;
  scopes?: string[];
  missingScopes?: string[];
  /** The store this one feeds (e.g. the Shopify store a JOOR account exports to). */
  targetStoreId?: string | null;
  /** Overrides of the channel's default settings; only used when the store is new. */
  settings?: Record<string, unknown>;
}

/** A store's connection lifecycle: connect, pending creation, credential writes, uninstall, needs_reauth, disconnect. */
@Injectable()
export class StoreConnectionService {
  constructor(
    @InjectRepository(Store) private readonly stores: Repository<Store>,
    // Reads only; StoreService never uses this service, so there is no cycle.
    private readonly reads: StoreService,
    private readonly registry: ChannelRegistry,
    private readonly plugins: PluginService,
    private readonly cipher: CredentialCipher,
    private readonly changes: StoreChangeRecorder,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates the store of (channel, account), or reconnects the existing one with new credentials.
   * Refused while the channel's plugin is inactive.
   */
  async connect(input: ConnectStoreInput): Promise<Store> {
    const adapter = this.registry.get(input.pluginKey);
    await this.plugins.assertAcceptsConnections(input.pluginKey);
    const existing = await this.reads.findByExternalAccount(input.pluginKey, input.externalAccountId);
    const id = existing?.id ?? randomUUID();
    const values = {
      name: input.name,
      status: StoreStatus.CONNECTED,
      credentialsEncrypted: this.cipher.encryptJson(input.credentials, id),
      scopes: input.scopes ?? [],
      missingScopes: input.missingScopes ?? [],
      connectedAt: new Date(),
      disconnectedAt: null,
      ...(input.targetStoreId !== undefined ? { targetStoreId: input.targetStoreId } : {}),
    };
    await this.changes.run(id, async (manager) => {
      const repository = manager.getRepository(Store);
      if (existing) {
        await repository.update({ id }, values);
      } else {
        const defaults = settingsToPlain(adapter.defaultSettings());
        const settings = settingsToPlain(validateSettings(adapter.settingsClass, mergeSettings(defaults, input.settings ?? {})));
        await repository.save(
          repository.create({ id, pluginKey: input.pluginKey, externalAccountId: input.externalAccountId, settings, ...values }),
        );
      }
      await this.recordConnect(manager, existing, await repository.findOneByOrFail({ id }));
    });
    return this.reads.get(id);
  }

  /** Stores new credentials (e.g. after a token refresh or re-auth): connected, or needs_reauth when scopes are missing. */
  async saveCredentials(
    id: string,
    credentials: ChannelCredentials,
    scopes?: { scopes: string[]; missingScopes: string[] },
  ): Promise<Store> {
    return this.storeCredentials(id, credentials, scopes);
  }

  /**
   * Finishes a channel's connect flow (its OAuth callback, also a re-authorisation): stores the credentials as
   * `saveCredentials` does and records `store.connect` in the same change. The callback is public, so `by` names who
   * started the flow (carried through the flow's signed state) and the callback's request.
   */
  async completeConnect(
    id: string,
    credentials: ChannelCredentials,
    scopes: { scopes: string[]; missingScopes: string[] },
    by: { actor: AuditActor; requestId: string | null },
  ): Promise<Store> {
    return this.storeCredentials(id, credentials, scopes, by);
  }

  private async storeCredentials(
    id: string,
    credentials: ChannelCredentials,
    scopes: { scopes: string[]; missingScopes: string[] } | undefined,
    connectedBy?: { actor: AuditActor; requestId: string | null },
  ): Promise<Store> {
    await this.reads.get(id);
    await this.changes.run(id, async (manager) => {
      const repository = manager.getRepository(Store);
      // Read under the recorder's row lock: the entry's before is what this change replaced.
      const before = connectedBy ? await repository.findOneBy({ id }) : null;
      await repository.update(
        { id },
        {
          credentialsEncrypted: this.cipher.encryptJson(credentials, id),
          // Granted fewer scopes than the channel needs: stored, but waiting for a new grant, in one change.
          status: (scopes?.missingScopes.length ?? 0) > 0 ? StoreStatus.NEEDS_REAUTH : StoreStatus.CONNECTED,
          connectedAt: new Date(),
          disconnectedAt: null,
          ...(scopes ?? {}),
        },
      );
      if (connectedBy) {
        await this.recordConnect(manager, before, await repository.findOneByOrFail({ id }), connectedBy);
      }
    });
    return this.reads.get(id);
  }

  /**
   * The store of (channel, account), created disconnected with the channel's default settings when it is new (a
   * connect flow that has not finished yet): it becomes connected when `connect` or `completeConnect` stores a token.
   * Creating it records `store.create` (by the current request's person or key) in the same transaction, so a pending
   * store removed later has its beginning in the log; finding the existing one records nothing.
   */
  async findOrCreatePending(pluginKey: string, externalAccountId: string, name: string): Promise<Store> {
    const adapter = this.registry.get(pluginKey);
    await this.stores.manager.transaction(async (manager) => {
      const id = randomUUID();
      // ON CONFLICT DO NOTHING: a concurrent start for the same account waits for this one, then inserts nothing.
      const inserted = await manager
        .getRepository(Store)
        .createQueryBuilder()
        .insert()
        .values({
          id,
          pluginKey,
          externalAccountId,
          name,
          status: StoreStatus.DISCONNECTED,
          settings: settingsToPlain(adapter.defaultSettings()),
        } as QueryDeepPartialEntity<Store>)
        .orIgnore()
        .returning('id')
        .execute();
      if ((inserted.raw as unknown[]).length === 0) {
        return;
      }
      await this.audit.record(manager, {
        action: 'store.create',
        targetType: 'store',
        targetId: id,
        storeId: id,
        before: null,
        after: auditable(await manager.getRepository(Store).findOneByOrFail({ id })),
      });
    });
    const store = await this.reads.findByExternalAccount(pluginKey, externalAccountId);
    if (!store) {
      throw DomainException.conflict(`The store of ${externalAccountId} was removed while it was being added; try again`);
    }
    return store;
  }

  /** Replaces the credentials of a store that still has some (a token refresh); status and timestamps stay. */
  async rotateCredentials(id: string, credentials: ChannelCredentials): Promise<void> {
    await this.stores
      .createQueryBuilder()
      .update()
      .set({ credentialsEncrypted: this.cipher.encryptJson(credentials, id) })
      .where('id = :id AND credentials_encrypted IS NOT NULL', { id })
      .execute();
  }

  /**
   * The channel says the app was removed (at `happenedAt`): the store is disconnected and forgets its credentials,
   * unless it was connected again after that (a late delivery must not cut off a reinstall). False when it was.
   */
  async markUninstalled(id: string, happenedAt: Date, manager?: EntityManager): Promise<boolean> {
    const result = await this.changes.run(
      id,
      (m) =>
        m
          .getRepository(Store)
          .createQueryBuilder()
          .update()
          .set({ status: StoreStatus.DISCONNECTED, credentialsEncrypted: null, disconnectedAt: () => 'now()' })
          .where('id = :id AND (connected_at IS NULL OR connected_at <= :happenedAt)', { id, happenedAt })
          .execute(),
      manager,
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * The channel refused the store's credentials. With `usedConnectionOf` (the `connectedAt` of the store as the caller
   * read it), only those credentials count: a reconnect since then keeps the store connected.
   */
  async markNeedsReauth(id: string, usedConnectionOf?: Date | null): Promise<void> {
    await this.changes.run(id, (manager) => {
      const query = manager
        .getRepository(Store)
        .createQueryBuilder()
        .update()
        .set({ status: StoreStatus.NEEDS_REAUTH })
        .where('id = :id AND status = :connected', { id, connected: StoreStatus.CONNECTED });
      if (usedConnectionOf !== undefined) {
        query.andWhere('connected_at IS NOT DISTINCT FROM :connectedAt', { connectedAt: usedConnectionOf });
      }
      return query.execute();
    });
  }

  /** Forgets the credentials; the store, its settings and its history stay. */
  async disconnect(id: string): Promise<Store> {
    const before = await this.reads.get(id);
    await this.changes.run(id, async (manager) => {
      await manager
        .getRepository(Store)
        .update({ id }, { status: StoreStatus.DISCONNECTED, credentialsEncrypted: null, disconnectedAt: new Date() });
      await this.audit.record(manager, {
        action: 'store.disconnect',
        targetType: 'store',
        targetId: id,
        storeId: id,
        before: { status: before.status },
        after: { status: StoreStatus.DISCONNECTED },
      });
    });
    return this.reads.get(id);
  }

  /** The `store.connect` entry of a connect's change, in its transaction; credentials never in before or after. */
  private recordConnect(
    manager: EntityManager,
    before: Store | null,
    after: Store,
    by?: { actor: AuditActor; requestId: string | null },
  ): Promise<void> {
    return this.audit.record(manager, {
      action: 'store.connect',
      targetType: 'store',
      targetId: after.id,
      storeId: after.id,
      before: before && auditable(before),
      after: auditable(after),
      ...(by ? { actor: by.actor, requestId: by.requestId } : {}),
    });
  }
}
