/** A nullable timestamp from PostgreSQL as ISO 8601 for the API (null stays null). */
export function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/** A timestamp from PostgreSQL as ISO 8601 for the API. */
export function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
