import { sha256 } from '@app/core';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value as object).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

/** Same method, URL and JSON body (key order ignored) → same fingerprint. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return sha256(JSON.stringify([method.toUpperCase(), url, canonical(body ?? null)]));
}
