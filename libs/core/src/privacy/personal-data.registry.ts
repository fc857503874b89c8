import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { PERSONAL_DATA_HOLDER, type PersonalDataHolder } from './personal-data-holder';

/** Finds every @HoldsPersonalData provider once at boot (each lib registers its own; the core knows none of their tables). */
@Injectable()
export class PersonalDataRegistry implements OnModuleInit {
  private readonly logger = new Logger(PersonalDataRegistry.name);
  private found: PersonalDataHolder[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const holders = new Map<string, PersonalDataHolder>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || !wrapper.metatype || this.reflector.get<boolean | undefined>(PERSONAL_DATA_HOLDER, wrapper.metatype) !== true) {
        continue;
      }
      // A provider listed by two modules is one holder.
      const holder = instance as PersonalDataHolder;
      holders.set(holder.personalDataKey, holder);
    }
    this.found = [...holders.values()].sort((a, b) => a.personalDataKey.localeCompare(b.personalDataKey));
    this.logger.log(`personal data holders: ${this.found.map((h) => h.personalDataKey).join(', ')}`);
  }

  holders(): readonly PersonalDataHolder[] {
    return this.found;
  }
}
