import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditService } from '../audit/audit.service';
import type { ChannelAdapter, ChannelContext, ChannelCredentials } from '../channel/channel-adapter.interface';
import { hasCapability } from '../channel/channel-capability';
import { ChannelRegistry } from '../channel/channel.registry';
import { CredentialCipher } from '../crypto/credential-cipher';
import { isForeignKeyViolation } from '../database/pg-error.util';
import { DomainException } from '../errors/domain.exception';
import { jsonBodyExpected } from '../validation/json-body.util';
import { isPlainObject, mergeSettings, settingsToPlain, validateSettings } from '../validation/settings.util';
import { auditable } from './store-auditable';
import { StoreChangeRecorder } from './store-change.recorder';
import { Store } from './store.entity';
import { StoreStatus } from './store-status.enum';

/** A store with what an adapter call needs: its adapter and a context with decrypted credentials. */
export interface ResolvedStore {
  store: Store;
  adapter: ChannelAdapter;
  context: ChannelContext;
}

/** Stores: lookups, statuses, settings, stored credentials, adapter contexts, removal; connecting is StoreConnectionService's. */
@Injectable()
export class StoreService {
  constructor(
    @InjectRepository(Store) private readonly stores: Repository<Store>,
    private readonly registry: ChannelRegistry,
    private readonly cipher: CredentialCipher,
    private readonly changes: StoreChangeRecorder,
    private readonly audit: AuditService,
  ) {}

  list(filter: { pluginKey?: string; status?: StoreStatus } = {}): Promise<Store[]> {
    return this.stores.find({
      where: { ...(filter.pluginKey ? { pluginKey: filter.pluginKey } : {}), ...(filter.status ? { status: filter.status } : {}) },
      order: { createdAt: 'ASC' },
    });
  }

  async get(id: string): Promise<Store> {
    const store = await this.stores.findOneBy({ id });
    if (!store) {
      throw DomainException.notFound(`No store ${id}`);
    }
    return store;
  }

  /** The id and status of the store of (channel, account): one indexed read, no entity (a webhook's hot path). */
  async statusOfAccount(pluginKey: string, externalAccountId: string): Promise<{ id: string; status: StoreStatus } | null> {
    const [row] = await this.stores.manager.query<{ id: string; status: StoreStatus }[]>(
      `SELECT id, status FROM store WHERE plugin_key = $1 AND external_account_id = $2`,
      [pluginKey, externalAccountId],
    );
    return row ?? null;
  }

  findByExternalAccount(pluginKey: string, externalAccountId: string): Promise<Store | null> {
    return this.stores.findOneBy({ pluginKey, externalAccountId });
  }

  async resolve(id: string): Promise<ResolvedStore> {
    const row = await this.stores.createQueryBuilder('s').addSelect('s.credentialsEncrypted').where('s.id = :id', { id }).getOne();
    if (!row) {
      throw DomainException.notFound(`No store ${id}`);
    }
    if (!row.credentialsEncrypted) {
      throw DomainException.conflict(`Store ${row.name} is disconnected; connect it again first`);
    }
    const adapter = this.registry.get(row.pluginKey);
    const context: ChannelContext = {
      storeId: row.id,
      externalAccountId: row.externalAccountId,
      credentials: this.cipher.decryptJson<ChannelCredentials>(row.credentialsEncrypted, row.id),
      settings: this.settingsOf(adapter, row.settings),
      logger: new Logger(`${adapter.key}:${row.id}`),
    };
    row.credentialsEncrypted = null;
    return { store: row, adapter, context };
  }

  /** The context an adapter call for this store receives: decrypted credentials, validated settings. */
  async contextFor(id: string): Promise<ChannelContext> {
    return (await this.resolve(id)).context;
  }

  /** Deep-merges a patch into the settings and validates the result with the channel's settings class. */
  async updateSettings(id: string, patch: unknown): Promise<Store> {
    if (!isPlainObject(patch)) {
      throw jsonBodyExpected('object');
    }
    await this.get(id);
    // Read and written under the recorder's row lock: two concurrent patches merge, neither undoes the other.
    await this.changes.run(id, async (manager) => {
      const repository = manager.getRepository(Store);
      const store = await repository.findOneByOrFail({ id });
      const adapter = this.registry.get(store.pluginKey);
      const settings = this.settingsOf(adapter, mergeSettings(store.settings, patch));
      assertStockModeAccepted(adapter, settings);
      await repository.update({ id }, { settings: settingsToPlain(settings) } as QueryDeepPartialEntity<Store>);
      await this.audit.record(manager, {
        action: 'store.settings.update',
        targetType: 'store',
        targetId: id,
        storeId: id,
        before: store.settings,
        after: settingsToPlain(settings),
      });
    });
    return this.get(id);
  }

  /** The status of each store among `ids` that exists. */
  async statuses(ids: string[], manager?: EntityManager): Promise<Map<string, StoreStatus>> {
    const repository = manager ? manager.getRepository(Store) : this.stores;
    const rows = ids.length === 0 ? [] : await repository.find({ select: { id: true, status: true }, where: { id: In(ids) } });
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  /** Per store, the stock pairs whose warehouse change is not on the channel yet. */
  async pendingStockPairs(ids: string[]): Promise<Map<string, number>> {
    const rows = await this.stores.query<{ store_id: string; n: number }[]>(
      `SELECT store_id, count(*)::int AS n FROM stock_sync_item WHERE store_id = ANY($1::uuid[]) AND wanted_version > pushed_version GROUP BY store_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.store_id, r.n]));
  }

  /**
   * Per store, when its newest sync run started or, once it ended, finished: one read for all, each store's newest run
   * found through the (store_id, started_at DESC) index, so 50 stores with long histories stay one quick query.
   */
  async lastActivity(ids: string[]): Promise<Map<string, Date>> {
    if (ids.length === 0) {
      return new Map();
    }
    const rows = await this.stores.query<{ id: string; at: Date }[]>(
      `SELECT s.id, r.at FROM unnest($1::uuid[]) AS s(id)
         CROSS JOIN LATERAL (
           SELECT greatest(started_at, finished_at) AS at FROM sync_run WHERE store_id = s.id ORDER BY started_at DESC LIMIT 1
         ) r`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, new Date(r.at)]));
  }

  /** The credentials as stored now (another process may have rotated them); null when disconnected. */
  async storedCredentials<T extends ChannelCredentials>(id: string): Promise<T | null> {
    const row = await this.stores.createQueryBuilder('s').addSelect('s.credentialsEncrypted').where('s.id = :id', { id }).getOne();
    if (!row?.credentialsEncrypted) {
      return null;
    }
    return this.cipher.decryptJson<T>(row.credentialsEncrypted, id);
  }

  /**
   * Removes a store that is disconnected or was never connected (e.g. a connect flow that never finished), with what is
   * only its own: mappings, stock sync state and pushes, channel orders and returns, fulfillment pushes, exports and
   * sync runs go by foreign key cascade; warehouse orders and returns stay. A `store.changed` event with no `after`
   * tells the flows. Refused (409) while it is connected and while another store feeds it (a JOOR account exporting to
   * this shop); 404 when there is no such store.
   */
  async remove(id: string): Promise<void> {
    const store = await this.get(id);
    try {
      await this.changes.run(id, async (manager) => {
        // The recorder has locked the row: a connect finishing now waits, then finds the store gone.
        const [row] = await manager.query<{ status: StoreStatus }[]>(`SELECT status FROM store WHERE id = $1`, [id]);
        if (!row) {
          throw DomainException.notFound(`No store ${id}`);
        }
        if (row.status !== StoreStatus.DISCONNECTED) {
          throw DomainException.conflict(
            `Store ${store.name} is ${row.status === StoreStatus.CONNECTED ? 'connected' : 'still authorised (needs_reauth)'}: disconnect it first (POST /stores/${id}/disconnect)`,
          );
        }
        const feeders = await this.feedersOf(manager, id);
        if (feeders.length > 0) {
          throw DomainException.conflict(feedersConflict(store.name, feeders));
        }
        await manager.getRepository(Store).delete({ id });
        await this.audit.record(manager, {
          action: 'store.delete',
          targetType: 'store',
          targetId: id,
          storeId: id,
          before: auditable(store),
          after: null,
        });
      });
    } catch (error) {
      // A store linked to this one between the check and the delete (the foreign keys restrict).
      if (isForeignKeyViolation(error)) {
        throw DomainException.conflict(feedersConflict(store.name, await this.feedersOf(this.stores.manager, id)));
      }
      throw error;
    }
  }

  // Stores that send this one their orders: linked to it, or with exports made on it.
  private feedersOf(manager: EntityManager, id: string): Promise<{ id: string; name: string; plugin_key: string }[]> {
    return manager.query(
      `SELECT s.id, s.name, s.plugin_key FROM store s
        WHERE s.id <> $1 AND (s.target_store_id = $1 OR EXISTS (SELECT 1 FROM wholesale_export e WHERE e.store_id = s.id AND e.target_store_id = $1))
        ORDER BY s.name, s.id`,
      [id],
    );
  }

  // Stored settings over the current defaults, so settings added to a channel later get their default.
  private settingsOf(adapter: ChannelAdapter, stored: Record<string, unknown>): object {
    return validateSettings(adapter.settingsClass, mergeSettings(settingsToPlain(adapter.defaultSettings()), stored));
  }
}

function feedersConflict(name: string, feeders: { id: string; name: string; plugin_key: string }[]): string {
  if (feeders.length === 0) {
    return `Store ${name} is still referred to by another store; try again`;
  }
  const named = feeders.map((f) => `${f.name} (${f.plugin_key} store ${f.id})`).join(', ');
  return `Store ${name} receives the orders of ${named}: remove ${feeders.length === 1 ? 'that store' : 'those stores'} first`;
}

// A stock sink that only takes delta writes cannot be set to absolute mode (and the other way round).
function assertStockModeAccepted(adapter: ChannelAdapter, settings: object): void {
  const mode = (settings as { stockSync?: { mode?: string } }).stockSync?.mode;
  if (!hasCapability(adapter, 'stock-sink') || mode === undefined || adapter.stockTraits.modes.includes(mode as never)) {
    return;
  }
  throw DomainException.invalid(`${adapter.name} takes ${adapter.stockTraits.modes.join(' or ')} stock writes only`, [
    { field: 'stockSync.mode', message: `must be one of the following values: ${adapter.stockTraits.modes.join(', ')}` },
  ]);
}
