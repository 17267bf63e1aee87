// Compiles the API, the worker and the libs with SWC into dist/ (decorator metadata included).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const bin = (name) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;
const only = process.argv.includes('--server-only');

rmSync('dist', { recursive: true, force: true });
execFileSync(bin('swc'), ['apps/api/src', 'apps/worker/src', 'libs', '-d', 'dist', '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '--ignore', 'libs/api-client/**', '--quiet'], { stdio: 'inherit' });
if (!only) execFileSync(bin('vite'), ['build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
