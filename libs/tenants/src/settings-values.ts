/** IANA time zones this runtime lists (canonical names, plus UTC which some runtimes list only as Etc/UTC). */
export const TIME_ZONES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('timeZone').concat('UTC'));

/**
 * A listed IANA zone, or an IANA alias of one (the runtime's ICU may list Asia/Calcutta but not
 * Asia/Kolkata). A mere change of letter case of a listed name is not accepted.
 */
export function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 64) return false;
  if (TIME_ZONES.has(value)) return true;
  try {
    const canonical = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
    return TIME_ZONES.has(canonical) && canonical.toLowerCase() !== value.toLowerCase() && /^[A-Z][A-Za-z_+\-/0-9]*$/.test(value);
  } catch {
    return false;
  }
}

/** ISO 4217 currency codes this runtime knows. */
export const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
