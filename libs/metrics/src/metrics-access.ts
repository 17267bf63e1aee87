import { safeEqual, sha256 } from '@app/core';

export type MetricsAccess = 'allowed' | 'unauthorized' | 'disabled';

/**
 * The one rule for every metrics endpoint: with a token configured, the caller must present it as a
 * bearer token; without one, the endpoint is open where `openWithoutToken` says so and off elsewhere.
 */
export function metricsAccess(token: string | null, authorization: string | undefined, openWithoutToken: boolean): MetricsAccess {
  if (token === null) return openWithoutToken ? 'allowed' : 'disabled';
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
  return safeEqual(sha256(presented), sha256(token)) ? 'allowed' : 'unauthorized';
}
