/**
 * The one way the SPA shows dates and money. Pure (no React), so the browser tests can check it directly;
 * pages get a ready instance from useFormat() (the browser's locale, the tenant's time zone and currency).
 */
export interface FormatOptions {
  /** BCP 47 locale; undefined: the browser's. */
  locale?: string;
  /** IANA time zone dates are shown in; undefined: the browser's. */
  timeZone?: string;
  /** ISO 4217 code money is shown in when an amount does not name its own. */
  currency?: string;
}

/** An ISO 8601 string (as the API sends), a Date or epoch milliseconds. */
type Instant = string | number | Date;

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** Units of a duration, largest first; a unit is used from 1.5 of it (90 s is "2 min", 80 s "80 sec"). */
const DURATION_UNITS: [string, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** ISO 4217 "no currency": money whose currency nobody told us is still shown, marked ¤, never as another currency. */
const NO_CURRENCY = 'XXX';
const NONE = '—';

export function createFormat({ locale, timeZone, currency }: FormatOptions = {}) {
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone });
  const timeOnly = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone });
  const exact = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'long', timeZone });
  const calendarDay = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const durationUnits = new Map<string, Intl.NumberFormat>();
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const show = (format: Intl.DateTimeFormat) => (instant: Instant | null | undefined) => (instant || instant === 0 ? format.format(new Date(instant)) : NONE);

  return {
    /** "Dec 2, 2026, 4:05 PM" in the time zone. */
    dateTime: show(dateTime),
    /** "Dec 2, 2026" in the time zone. */
    date: show(dateOnly),
    /** "4:05 PM" in the time zone. */
    time: show(timeOnly),
    /** "December 2, 2026 at 4:05:09 PM GMT+1": the hover text of a relative time. */
    exact: show(exact),
    /** A calendar day the API sends as YYYY-MM-DD, shown as that same day whatever the time zone. */
    day: (day: string | null | undefined) => (day ? calendarDay.format(new Date(`${day.slice(0, 10)}T00:00:00Z`)) : NONE),
    /** "3 minutes ago", "in 2 days", "now" (under a minute). */
    relative(instant: Instant | null | undefined, now: Date = new Date()): string {
      if (!instant && instant !== 0) return NONE;
      const seconds = (new Date(instant).getTime() - now.getTime()) / 1000;
      const unit = RELATIVE_UNITS.find(([, size]) => Math.abs(seconds) >= size);
      return unit ? relative.format(Math.round(seconds / unit[1]), unit[0]) : relative.format(0, 'second');
    },
    /** A span of seconds in its largest fitting unit, rounded: 42 → "42 sec", 150 → "3 min", 7200 → "2 hr", 259200 → "3 days". */
    duration(seconds: number | null | undefined): string {
      if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return NONE;
      const [unit, size] = DURATION_UNITS.find(([, unitSize]) => Math.abs(seconds) >= unitSize * 1.5) ?? DURATION_UNITS[DURATION_UNITS.length - 1];
      let format = durationUnits.get(unit);
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: unit === 'day' ? 'long' : 'short', maximumFractionDigits: 0 });
        durationUnits.set(unit, format);
      }
      return format.format(Math.round(seconds / size));
    },
    /** An amount in integer minor units (cents) of its currency, or of the tenant's: 123456 EUR → "€1,234.56". Exact: no floating point. */
    money(minor: number, amountCurrency: string | undefined = currency): string {
      if (!Number.isSafeInteger(minor)) throw new RangeError(`money takes integer minor units, got ${minor}`);
      const code = (amountCurrency ?? NO_CURRENCY).toUpperCase();
      let format = moneyFormats.get(code);
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: 'currency', currency: code });
        moneyFormats.set(code, format);
      }
      const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
      const units = Math.abs(minor).toString().padStart(digits + 1, '0');
      const decimal = digits ? `${units.slice(0, -digits)}.${units.slice(-digits)}` : units;
      return format.format(`${minor < 0 ? '-' : ''}${decimal}` as `${number}`);
    },
  };
}

export type Format = ReturnType<typeof createFormat>;

/** How many decimals an amount of the currency has (ISO 4217 as the browser knows it): USD 2, JPY 0, KWD 3. */
export function currencyDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * An amount typed in major units ("12.5", "12,50": a comma is a decimal mark; spaces may group digits) as integer
 * minor units of the currency: "12.5" USD → 1250, "1200" JPY → 1200. Exact (digits are moved, never multiplied as
 * floats). Null for anything that is not a plain non-negative amount, for more decimals than the currency has
 * (cents of a yen do not exist) and for an unknown currency.
 */
export function minorUnits(typed: string, currency: string): number | null {
  const text = typed.trim().replace(/[\s\u00a0\u202f]/g, '');
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(text);
  if (!match) return null;
  let digits: number;
  try {
    digits = currencyDigits(currency);
  } catch {
    return null;
  }
  const [, whole, fraction = ''] = match;
  if (fraction.length > digits) return null;
  const minor = Number(`${whole}${fraction.padEnd(digits, '0')}`);
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units as the major-unit text minorUnits reads back: 1250 USD → "12.50", 1200 JPY → "1200". */
export function majorUnits(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const units = Math.abs(minor).toString().padStart(digits + 1, '0');
  return `${minor < 0 ? '-' : ''}${digits ? `${units.slice(0, -digits)}.${units.slice(-digits)}` : units}`;
}
