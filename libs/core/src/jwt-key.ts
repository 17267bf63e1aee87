import { createSecretKey, type KeyObject } from 'node:crypto';
import type { AppConfig } from './config';

const keys = new WeakMap<AppConfig, KeyObject>();

/**
 * The HS256 key of the access and dashboard JWTs as one crypto KeyObject, built once per config.
 * Given the secret as a string, jsonwebtoken 9 first tries `crypto.createPublicKey(secret)` on every
 * sign and verify, which throws and falls back (about 0.5 ms of synchronous CPU per request); a
 * secret KeyObject skips that. Its bytes are the secret's UTF-8 bytes, so tokens are the same as
 * with the string, and jsonwebtoken refuses every algorithm but HS* with it.
 */
export function jwtKey(config: AppConfig): KeyObject {
  let key = keys.get(config);
  if (!key) {
    key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
    keys.set(config, key);
  }
  return key;
}
