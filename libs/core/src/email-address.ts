/**
 * The one canonical form of an email address, used for every lookup, uniqueness check and stored
 * address: trimmed, NFC, then case-folded as a whole. `toUpperCase().toLowerCase()` applies the full
 * (one-to-many) Unicode case mappings, so `ß` and `SS` fold to `ss` and `K` (Kelvin sign) to `k`;
 * the final NFC recomposes what the case mapping decomposed (`ǰ`).
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
}
