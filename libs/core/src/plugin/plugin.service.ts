import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ChannelRegistry } from '../channel/channel.registry';
import { DomainException } from '../errors/domain.exception';
import { Plugin } from './plugin.entity';

export interface PluginView {
  key: string;
  name: string;
  active: boolean;
}

/** Turns channels on and off. Deactivating keeps existing stores; it only refuses new connects. */
@Injectable()
export class PluginService {
  constructor(
    @InjectRepository(Plugin) private readonly plugins: Repository<Plugin>,
    private readonly registry: ChannelRegistry,
    private readonly audit: AuditService,
  ) {}

  /** The plugins whose adapter is registered in this process. */
  async list(): Promise<PluginView[]> {
    const keys = this.registry.list().map((a) => a.key);
    const rows = await this.plugins.find({ where: { key: In(keys) }, order: { key: 'ASC' } });
    return rows.map((p) => this.view(p));
  }

  async get(key: string): Promise<PluginView> {
    return this.view(await this.find(key));
  }

  activate(key: string): Promise<PluginView> {
    return this.setActive(key, true);
  }

  deactivate(key: string): Promise<PluginView> {
    return this.setActive(key, false);
  }

  /** CONFLICT unless the plugin is registered and active: the gate for new connections. */
  async assertAcceptsConnections(key: string): Promise<void> {
    const plugin = await this.find(key);
    if (!plugin.active) {
      throw DomainException.conflict(`The ${plugin.name} plugin is not active; activate it before connecting a store`);
    }
  }

  private async setActive(key: string, active: boolean): Promise<PluginView> {
    const plugin = await this.find(key);
    if (plugin.active !== active) {
      plugin.active = active;
      await this.plugins.manager.transaction(async (manager) => {
        await manager.save(plugin);
        await this.audit.record(manager, {
          action: active ? 'plugin.activate' : 'plugin.deactivate',
          targetType: 'plugin',
          targetId: key,
          before: { active: !active },
          after: { active },
        });
      });
    }
    return this.view(plugin);
  }

  private async find(key: string): Promise<Plugin> {
    const plugin = this.registry.has(key) ? await this.plugins.findOneBy({ key }) : null;
    if (!plugin) {
      throw DomainException.notFound(`No plugin ${key}`);
    }
    return plugin;
  }

  private view(plugin: Plugin): PluginView {
    return { key: plugin.key, name: plugin.name, active: plugin.active };
  }
}
