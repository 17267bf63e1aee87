import { Injectable } from '@nestjs/common';
import { currentContext, Problems } from '@app/core';
import { Db } from '@app/database';
import { AuditService } from '@app/audit';
import { FEATURE_FLAG_CATALOG, type FeatureFlagDefinition, findFeatureFlag } from './feature-flag-catalog';
import { FeatureFlagsService } from './feature-flags.service';
import type { FeatureFlagDto } from './dto/feature-flag.dto';
import type { PlatformFeatureFlagDto } from './dto/platform-feature-flag.dto';

function flag(key: string): FeatureFlagDefinition {
  const definition = findFeatureFlag(key);
  if (!definition) throw Problems.notFound('Feature flag');
  return definition;
}

/** Tenant overrides and platform defaults of feature flags, read straight from the transaction (no cache). */
@Injectable()
export class FeatureFlagSettingsService {
  constructor(
    private readonly db: Db,
    private readonly flags: FeatureFlagsService,
    private readonly audit: AuditService,
  ) {}

  async listForTenant(): Promise<FeatureFlagDto[]> {
    const manager = this.db.manager();
    const defaults = await this.flags.platformDefaults(manager);
    const overrides = await this.flags.tenantOverrides(manager, this.db.tenantId());
    return FEATURE_FLAG_CATALOG.map((definition) => {
      const platformDefault = defaults[definition.key] ?? definition.defaultEnabled;
      const override = overrides[definition.key] ?? null;
      return { key: definition.key, description: definition.description, default: platformDefault, override, enabled: override ?? platformDefault };
    });
  }

  async setForTenant(key: string, enabled: boolean | null): Promise<FeatureFlagDto> {
    flag(key);
    const tenantId = this.db.tenantId();
    this.flags.markChanging();
    const before = (await this.listForTenant()).find((f) => f.key === key)!;
    if (enabled === null) {
      await this.db.manager().query(`delete from tenant_feature_flags where tenant_id = $1 and key = $2`, [tenantId, key]);
    } else {
      await this.db.manager().query(
        `insert into tenant_feature_flags (tenant_id, key, enabled, updated_by) values ($1, $2, $3, $4)
         on conflict (tenant_id, key) do update set enabled = excluded.enabled, updated_by = excluded.updated_by, updated_at = now()`,
        [tenantId, key, enabled, currentContext()?.principal?.userId ?? null],
      );
    }
    const after = (await this.listForTenant()).find((f) => f.key === key)!;
    if (before.override !== after.override) {
      await this.audit.record({
        action: enabled === null ? 'feature_flag.override_removed' : 'feature_flag.overridden',
        entityType: 'feature_flag',
        entityId: key,
        before: { override: before.override, enabled: before.enabled },
        after: { override: after.override, enabled: after.enabled },
      });
      this.flags.evictTenantAfterCommit(tenantId);
    }
    return after;
  }

  async listDefaults(): Promise<PlatformFeatureFlagDto[]> {
    const defaults = await this.flags.platformDefaults(this.db.manager());
    return FEATURE_FLAG_CATALOG.map((definition) => {
      const platformDefault = defaults[definition.key] ?? null;
      return {
        key: definition.key,
        description: definition.description,
        catalogDefault: definition.defaultEnabled,
        platformDefault,
        enabled: platformDefault ?? definition.defaultEnabled,
      };
    });
  }

  async setDefault(key: string, enabled: boolean | null): Promise<PlatformFeatureFlagDto> {
    flag(key);
    await this.db.crossTenant();
    this.flags.markChanging();
    const before = (await this.listDefaults()).find((f) => f.key === key)!;
    if (enabled === null) {
      await this.db.manager().query(`delete from feature_flag_defaults where key = $1`, [key]);
    } else {
      await this.db.manager().query(
        `insert into feature_flag_defaults (key, enabled, updated_by) values ($1, $2, $3)
         on conflict (key) do update set enabled = excluded.enabled, updated_by = excluded.updated_by, updated_at = now()`,
        [key, enabled, currentContext()?.principal?.userId ?? null],
      );
    }
    const after = (await this.listDefaults()).find((f) => f.key === key)!;
    if (before.platformDefault !== after.platformDefault) {
      await this.audit.record({
        action: enabled === null ? 'feature_flag_default.removed' : 'feature_flag_default.set',
        entityType: 'feature_flag',
        entityId: key,
        tenantId: null,
        before: { platformDefault: before.platformDefault, enabled: before.enabled },
        after: { platformDefault: after.platformDefault, enabled: after.enabled },
      });
      this.flags.evictDefaultsAfterCommit();
    }
    return after;
  }
}
