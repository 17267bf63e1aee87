import { createHmac, randomBytes } from 'node:crypto';

/** A new endpoint secret; the whole string (prefix included) is the HMAC key. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

/** Hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the secret. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** `t=<unix seconds>,v1=<signature>[,v1=<signature with the previous secret>]`. */
export function signatureHeader(timestamp: number, body: string, secrets: string[]): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${signWebhook(secret, timestamp, body)}`)].join(',');
}
