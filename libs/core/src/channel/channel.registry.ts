import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '../errors/domain.exception';
import type { ChannelAdapter } from './channel-adapter.interface';
import { CHANNEL_ADAPTERS } from './channel-adapters.token';
import type { StockSink } from './channel-adapter.interface';
import { CHANNEL_CAPABILITIES, hasCapability, missingCapabilityMethods } from './channel-capability';

const KEY_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;

/** Every adapter provided under CHANNEL_ADAPTERS, by key; refuses to boot on a broken or duplicate registration. */
@Injectable()
export class ChannelRegistry implements OnModuleInit {
  private readonly logger = new Logger(ChannelRegistry.name);
  private readonly byKey = new Map<string, ChannelAdapter>();

  constructor(
    private readonly discovery: DiscoveryService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const wrapper of this.discovery.getProviders()) {
      if (wrapper.token !== CHANNEL_ADAPTERS || !wrapper.instance) {
        continue;
      }
      this.add(wrapper.instance as ChannelAdapter);
    }
    await this.syncPlugins();
    await this.warnAboutOrphanStores();
  }

  /** All registered adapters, by key order. */
  list(): ChannelAdapter[] {
    return [...this.byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The adapter for a key; NOT_FOUND when no channel lib registered it. */
  get(key: string): ChannelAdapter {
    const adapter = this.byKey.get(key);
    if (!adapter) {
      throw DomainException.notFound(`No channel ${key}`);
    }
    return adapter;
  }

  private add(adapter: ChannelAdapter): void {
    const name = adapter.constructor.name;
    if (typeof adapter.key !== 'string' || !KEY_PATTERN.test(adapter.key)) {
      throw new Error(`Channel adapter ${name} has an invalid key ${String(adapter.key)}: use 2–40 lower-case letters, digits or dashes`);
    }
    const existing = this.byKey.get(adapter.key);
    if (existing) {
      throw new Error(`Duplicate channel adapter key "${adapter.key}": ${existing.constructor.name} and ${name} both claim it`);
    }
    if (typeof adapter.settingsClass !== 'function') {
      throw new Error(`Channel adapter ${name} (${adapter.key}) has no settingsClass`);
    }
    for (const capability of adapter.capabilities) {
      if (!CHANNEL_CAPABILITIES.includes(capability)) {
        throw new Error(`Channel adapter ${name} (${adapter.key}) declares unknown capability ${String(capability)}`);
      }
      const missing = missingCapabilityMethods(adapter, capability);
      if (missing.length > 0) {
        throw new Error(`Channel adapter ${name} (${adapter.key}) declares ${capability} but lacks ${missing.join(', ')}`);
      }
    }
    if (hasCapability(adapter, 'stock-sink')) {
      checkStockSink(adapter, name);
    }
    this.byKey.set(adapter.key, adapter);
    this.logger.log(`channel ${adapter.key} (${adapter.capabilities.join(', ') || 'no capabilities'})`);
  }

  // New plugins start inactive; existing rows keep their active flag and take the current name.
  private async syncPlugins(): Promise<void> {
    const adapters = this.list();
    if (adapters.length === 0) {
      return;
    }
    await this.dataSource.query(
      `INSERT INTO plugin (key, name) SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, updated_at = now() WHERE plugin.name IS DISTINCT FROM EXCLUDED.name`,
      [adapters.map((a) => a.key), adapters.map((a) => a.name)],
    );
  }

  private async warnAboutOrphanStores(): Promise<void> {
    const rows: { plugin_key: string; n: number }[] = await this.dataSource.query(
      `SELECT plugin_key, count(*)::int AS n FROM store WHERE status <> 'disconnected' AND NOT (plugin_key = ANY($1::text[])) GROUP BY plugin_key`,
      [[...this.byKey.keys()]],
    );
    for (const row of rows) {
      this.logger.warn(`${row.n} connected store(s) of channel ${row.plugin_key}, which no module registers: they will not sync`);
    }
  }
}

// The stock engine relies on these: a batch size, the modes it may write, and settings that carry stockSync.
function checkStockSink(adapter: ChannelAdapter & StockSink, name: string): void {
  const traits = adapter.stockTraits as Partial<StockSink['stockTraits']> | undefined;
  const where = `Channel adapter ${name} (${adapter.key})`;
  if (!traits || !Number.isInteger(traits.maxBatch) || (traits.maxBatch ?? 0) < 1) {
    throw new Error(`${where} declares stock-sink without stockTraits.maxBatch (a positive integer)`);
  }
  const modes = traits.modes ?? [];
  if (modes.length === 0 || modes.some((m) => m !== 'absolute' && m !== 'delta')) {
    throw new Error(`${where} declares stock-sink with stockTraits.modes ${JSON.stringify(modes)}: use absolute and/or delta`);
  }
  const stockSync = (adapter.defaultSettings() as { stockSync?: { mode?: unknown } }).stockSync;
  if (!stockSync || !modes.includes(stockSync.mode as never)) {
    throw new Error(`${where} declares stock-sink but its default settings have no stockSync whose mode is one of ${modes.join(', ')}`);
  }
}
