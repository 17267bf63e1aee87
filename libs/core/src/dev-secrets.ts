import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface DevSecrets {
  jwtSecret: string;
  encryptionKey: string;
}

function read(file: string): DevSecrets | null {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: Partial<DevSecrets> = {};
  try {
    parsed = JSON.parse(raw) as Partial<DevSecrets>;
  } catch {
    // reported below
  }
  if (typeof parsed?.jwtSecret !== 'string' || parsed.jwtSecret.length < 32 || typeof parsed.encryptionKey !== 'string' || parsed.encryptionKey.length < 32) {
    throw new Error(`${file} does not hold a jwtSecret and an encryptionKey of 32+ characters; delete it to generate new ones`);
  }
  return { jwtSecret: parsed.jwtSecret, encryptionKey: parsed.encryptionKey };
}

/**
 * Development-only secrets, random and kept in `file` (mode 0600) so every process of one checkout
 * (api, worker, scripts, tests) signs and seals with the same ones. The first process to start
 * creates the file: it writes a private temporary file and hard-links it into place, which fails
 * if another process got there first, so the file appears whole, once, and every process reads the
 * winner's secrets.
 */
export function devSecrets(file: string): DevSecrets {
  const existing = read(file);
  if (existing) return existing;
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const secrets: DevSecrets = { jwtSecret: randomBytes(48).toString('base64url'), encryptionKey: randomBytes(48).toString('base64url') };
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  return read(file)!;
}
