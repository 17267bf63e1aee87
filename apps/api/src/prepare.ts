import { ConfigError, loadConfig } from '@app/core';
import { ensureDatabase, migrate } from '@app/database';
import { createApp } from './app.factory';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './seed';

/** Creates the database and roles if missing, applies migrations, and (with --seed) seeds the demo. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`config: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  await ensureDatabase(config.databaseAdminUrl, config.databaseOwnerUrl, config.databaseUrl, config.database);
  const applied = await migrate(config.databaseOwnerUrl, config.databaseUrl);
  console.log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');
  if (process.argv.includes('--seed')) {
    const app = await createApp({ silent: true, serveWeb: false });
    const seeded = await seedDemo(app);
    await app.close();
    console.log(seeded ? 'demo data seeded' : 'demo data already present');
    console.log(`\nDemo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(24)} ${user.platformRole ?? user.roles?.join(', ') ?? 'owner'}${user.tenant ? ` @ ${user.tenant}` : ''}`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
