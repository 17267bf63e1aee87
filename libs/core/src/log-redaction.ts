/**
 * The one redaction policy for what we log: names of query parameters (and fields) that carry
 * secrets. A normalised name (lower case, letters only) is secret when it contains one of
 * SECRET_NAME_PARTS or ends with one of SECRET_NAME_ENDINGS.
 */
const SECRET_NAME_PARTS = ['token', 'secret', 'password', 'passwd', 'apikey', 'signature', 'credential', 'jwt', 'session', 'otp', 'auth'];
const SECRET_NAME_ENDINGS = ['code', 'key', 'sig', 'sid', 'hash'];

export const REDACTED = '[REDACTED]';

export function isSecretName(name: string): boolean {
  const normalised = name.toLowerCase().replace(/[^a-z]/g, '');
  return SECRET_NAME_PARTS.some((part) => normalised.includes(part)) || SECRET_NAME_ENDINGS.some((ending) => normalised.endsWith(ending));
}

function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** The URL with the value of every secret query parameter replaced, everything else kept as sent. */
export function redactUrl(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const query = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      return isSecretName(decodedName(name)) && equals >= 0 ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, start)}?${query}`;
}
