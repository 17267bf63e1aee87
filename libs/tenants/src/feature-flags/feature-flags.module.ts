import { Global, Module } from '@nestjs/common';
import { AdminFeatureFlagsController } from './admin-feature-flags.controller';
import { FeatureFlagSettingsService } from './feature-flag-settings.service';
import { FeatureFlagsController } from './feature-flags.controller';
import { FeatureFlagsService } from './feature-flags.service';
import { FeaturesController } from './features.controller';

/** Feature flags: one cached reader (FeatureFlagsService.isEnabled) for every module, and their settings routes. */
@Global()
@Module({
  controllers: [FeaturesController, FeatureFlagsController, AdminFeatureFlagsController],
  providers: [FeatureFlagsService, FeatureFlagSettingsService],
  exports: [FeatureFlagsService],
})
export class FeatureFlagsModule {}
