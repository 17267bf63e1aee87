import type { AuditLog } from '@app/api-client';

/** A readable name for the entry's entity, taken from its recorded state (`name` or `email`). */
export function entityName(entry: AuditLog): string | null {
  for (const state of [entry.after, entry.before]) {
    for (const field of ['name', 'email']) {
      const value = state?.[field];
      if (typeof value === 'string' && value) return value;
    }
  }
  return null;
}
