import type { EntityManager } from 'typeorm';

/** Platform-wide settings platform staff change (table platform_settings, one row per key). */
export interface PlatformSettings {
  /** Platform fee new tenants start with, in basis points. */
  defaultPlatformFeeBps: number;
  /** ISO 4217 currency new tenants start with. */
  defaultCurrency: string;
}

export const PLATFORM_SETTING_DEFAULTS: PlatformSettings = {
  defaultPlatformFeeBps: 1500,
  defaultCurrency: 'USD',
};

export async function readPlatformSettings(manager: EntityManager): Promise<PlatformSettings & { updatedAt: Date | null }> {
  const rows: Array<{ key: string; value: unknown; updated_at: Date }> = await manager.query(`select key, value, updated_at from platform_settings`);
  const settings: PlatformSettings = { ...PLATFORM_SETTING_DEFAULTS };
  let updatedAt: Date | null = null;
  for (const row of rows) {
    if (!(row.key in PLATFORM_SETTING_DEFAULTS)) continue;
    (settings as unknown as Record<string, unknown>)[row.key] = row.value;
    if (!updatedAt || row.updated_at > updatedAt) updatedAt = row.updated_at;
  }
  return { ...settings, updatedAt };
}
