/** ISO 4217 codes the browser knows, the preferred one first, for a currency picker. */
export function currencyOptions(preferred: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];
  return [...new Set([preferred, ...known])];
}
