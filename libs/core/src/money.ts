/** `amount` minor units of `currency` (ISO 4217) as people read it, e.g. 4900 EUR → "€49.00", 500 JPY → "¥500". */
export function formatMoney(amount: number, currency: string, locale = 'en'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}
