import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from '@swc/core';
import { ConfigError, loadConfig } from './config';
import { devSecrets } from './dev-secrets';

const freshDir = () => mkdtempSync(join(tmpdir(), 'bo-dev-secrets-'));

/** Runs devSecrets(file) in a separate node process (as api, worker and scripts do) and returns its answer. */
function inChildProcess(moduleFile: string, file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', `process.stdout.write(JSON.stringify(require(${JSON.stringify(moduleFile)}).devSecrets(${JSON.stringify(file)})))`]);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
  });
}

describe('development secrets', () => {
  it('creates random secrets once in a private file and reads the same ones afterwards', () => {
    const file = join(freshDir(), 'var', 'dev-secrets.json');
    const first = devSecrets(file);
    expect(first.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.encryptionKey.length).toBeGreaterThanOrEqual(32);
    expect(first.jwtSecret).not.toBe(first.encryptionKey);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(devSecrets(file)).toEqual(first);
    expect(devSecrets(join(freshDir(), 'dev-secrets.json')).jwtSecret).not.toBe(first.jwtSecret);
  });

  it('gives every one of several processes starting at once the same secrets', async () => {
    const dir = freshDir();
    const moduleFile = join(dir, 'dev-secrets.js');
    const source = readFileSync(join(__dirname, 'dev-secrets.ts'), 'utf8');
    writeFileSync(moduleFile, transformSync(source, { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code);
    const file = join(dir, 'var', 'dev-secrets.json');
    const answers = await Promise.all(Array.from({ length: 8 }, () => inChildProcess(moduleFile, file)));
    expect(new Set(answers).size).toBe(1);
    expect(JSON.parse(answers[0])).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    expect(readdirSync(join(dir, 'var'))).toEqual(['dev-secrets.json']);
  });

  it('is used by loadConfig outside production only, never a constant, and set values win', () => {
    const file = join(freshDir(), 'dev-secrets.json');
    const config = loadConfig({ DEV_SECRETS_FILE: file });
    expect(config).toMatchObject(devSecrets(file));
    expect(loadConfig({ DEV_SECRETS_FILE: join(freshDir(), 'dev-secrets.json') }).jwtSecret).not.toBe(config.jwtSecret);
    const jwtSecret = 'j'.repeat(40);
    expect(loadConfig({ DEV_SECRETS_FILE: file, JWT_SECRET: jwtSecret })).toMatchObject({ jwtSecret, encryptionKey: config.encryptionKey });

    const productionFile = join(freshDir(), 'dev-secrets.json');
    expect(() => loadConfig({ NODE_ENV: 'production', DEV_SECRETS_FILE: productionFile })).toThrow(new ConfigError('Missing required environment variable JWT_SECRET (see .env.example)'));
    expect(() => loadConfig({ NODE_ENV: 'production', DEV_SECRETS_FILE: productionFile, JWT_SECRET: jwtSecret })).toThrow(/ENCRYPTION_KEY/);
    expect(() => readFileSync(productionFile)).toThrow(/ENOENT/);
  });

  it('stops with one clear line when the file is damaged', () => {
    const file = join(freshDir(), 'dev-secrets.json');
    writeFileSync(file, '{"jwtSecret":"short"}');
    expect(() => loadConfig({ DEV_SECRETS_FILE: file })).toThrow(ConfigError);
    expect(() => loadConfig({ DEV_SECRETS_FILE: file })).toThrow(/delete it to generate new ones/);
  });
});
