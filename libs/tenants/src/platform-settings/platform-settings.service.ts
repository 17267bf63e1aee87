import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, currentContext } from '@app/core';
import { Db } from '@app/database';
import { AuditService } from '@app/audit';
import type { PlatformSettingsDto } from './dto/platform-settings.dto';
import type { UpdatePlatformSettingsDto } from './dto/update-platform-settings.dto';
import { PLATFORM_SETTING_DEFAULTS, type PlatformSettings, readPlatformSettings } from './platform-settings';

/** Platform settings for staff: defaults new tenants start with, and how signups are approved (from config). */
@Injectable()
export class PlatformSettingsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(): Promise<PlatformSettingsDto> {
    const { updatedAt, ...settings } = await readPlatformSettings(this.db.manager());
    return { ...settings, signupApproval: this.config.tenantApproval, updatedAt: updatedAt ? updatedAt.toISOString() : null };
  }

  async update(input: UpdatePlatformSettingsDto): Promise<PlatformSettingsDto> {
    await this.db.crossTenant();
    const before = await this.get();
    const changed = (Object.keys(PLATFORM_SETTING_DEFAULTS) as Array<keyof PlatformSettings>).filter(
      (key) => input[key] !== undefined && input[key] !== before[key],
    );
    for (const key of changed) {
      await this.db.manager().query(
        `insert into platform_settings (key, value, updated_by) values ($1, $2::jsonb, $3)
         on conflict (key) do update set value = excluded.value, updated_by = excluded.updated_by, updated_at = now()`,
        [key, JSON.stringify(input[key]), currentContext()?.principal?.userId ?? null],
      );
    }
    const after = await this.get();
    if (changed.length) {
      await this.audit.record({
        action: 'platform_settings.updated',
        entityType: 'platform_settings',
        entityId: null,
        tenantId: null,
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: Object.fromEntries(changed.map((key) => [key, after[key]])),
      });
    }
    return after;
  }
}
