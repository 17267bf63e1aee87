import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants.module';
import { AdminSettingsController } from './admin-settings.controller';
import { AdminTenantSettingsController } from './admin-tenant-settings.controller';
import { PlatformSettingsService } from './platform-settings.service';

/** Platform settings and the tenant settings only platform staff change (platform fee). */
@Module({
  imports: [TenantsModule],
  controllers: [AdminSettingsController, AdminTenantSettingsController],
  providers: [PlatformSettingsService],
})
export class PlatformSettingsModule {}
