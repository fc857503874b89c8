import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CorePersonalDataService } from './core-personal-data.service';
import { PersonalDataRegistry } from './personal-data.registry';
import { PrivacyRequestRepository } from './privacy-request.repository';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';
import { RetentionService } from './retention.service';

/** Privacy requests (redact, export) driven over every lib's personal data, and retention; the worker adds the schedules. */
@Module({
  imports: [DiscoveryModule],
  controllers: [PrivacyController],
  providers: [PersonalDataRegistry, PrivacyRequestRepository, PrivacyService, RetentionService, CorePersonalDataService],
  exports: [PrivacyService, PrivacyRequestRepository, RetentionService],
})
export class PrivacyModule {}
