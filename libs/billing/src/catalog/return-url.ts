import { type AppConfig, Problems } from '@app/core';

/** http(s) only; in production only the server's own origin (PUBLIC_URL), so a link never sends buyers elsewhere. */
export function assertReturnUrl(config: AppConfig, field: string, value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw Problems.validation([{ field, message: `${field} must be an http(s) URL` }]);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw Problems.validation([{ field, message: `${field} must be an http(s) URL` }]);
  if (config.nodeEnv === 'production' && url.origin !== new URL(config.publicUrl).origin) {
    throw Problems.validation([{ field, message: `${field} must be on ${new URL(config.publicUrl).origin}` }]);
  }
}
