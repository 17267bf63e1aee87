// `npm test`: every suite. Unit + API e2e (Jest, real PostgreSQL and Redis), then the SPA in a real
// browser (Playwright driving Debian's Chromium).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadEnvFile, redisAnswers, root } from './stack.mjs';

loadEnvFile();
const fail = (message) => {
  console.error(message);
  process.exit(1);
};
const step = (title, command, args, env = process.env) => {
  console.log(`\n=== ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) fail(`${title} failed`);
};

if (!(await redisAnswers(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'))) {
  fail('Redis is not answering at REDIS_URL; start it with: redis-server --daemonize yes --port 6379');
}
step('type check (server)', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
step('type check (SPA)', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'apps/web/tsconfig.json', '--noEmit']);
step('regex safety lint (eslint-plugin-regexp)', process.execPath, ['node_modules/eslint/bin/eslint.js', '--max-warnings', '0', 'libs', 'apps', 'scripts', 'bench']);
const jestArgs = ['node_modules/jest/bin/jest.js', '--ci', ...process.argv.slice(2)];
step('unit and API e2e tests (jest)', process.execPath, jestArgs);

if (process.env.SKIP_BROWSER_TESTS === '1') fail('SKIP_BROWSER_TESTS=1 is set: browser tests did not run, so the run is not green');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.getuid?.() === 0) {
    console.log('installing Debian chromium for the browser tests (apt-get install -y chromium)');
    try {
      execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit' });
    } catch {
      execFileSync('apt-get', ['update'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit' });
    }
  } else {
    fail('The browser tests need Chromium at /usr/bin/chromium: run `sudo apt-get install -y chromium` (or set CHROMIUM_PATH)');
  }
}
step('build (server + SPA)', process.execPath, ['scripts/build.mjs']);
step('SPA initial download budget', process.execPath, ['scripts/check-bundle.mjs']);
step('browser tests (playwright + chromium)', process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '--config', 'apps/web/playwright.config.ts']);
console.log('\nall test suites passed');
