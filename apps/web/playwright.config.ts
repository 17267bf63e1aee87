import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

const repoRoot = path.resolve(__dirname, '../..');
const port = Number(process.env.E2E_PORT ?? 3100);
// The server writes emails here; the tests read the invitation links back from it.
process.env.MAIL_DIR = path.resolve(repoRoot, process.env.MAIL_DIR ?? 'var/e2e-mail');

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: path.join(repoRoot, 'playwright-report') }]] : 'list',
  outputDir: path.join(repoRoot, 'test-results'),
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    // The SPA's theme honours it: no transitions, so each page state the accessibility check sees is final.
    reducedMotion: 'reduce',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'node scripts/serve-e2e.mjs',
    cwd: repoRoot,
    url: `http://localhost:${port}/api/v1/health/live`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: { PORT: String(port), MAIL_DIR: process.env.MAIL_DIR },
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
