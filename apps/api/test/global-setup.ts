import { randomBytes } from 'node:crypto';
import { ensureDatabase, migrate, withDatabase } from '../../../libs/database/src/bootstrap';
import { loadConfig } from '../../../libs/core/src/config';
import { Client } from 'pg';

/** Creates one migrated template database per test run; each test file clones it. */
export default async function globalSetup(): Promise<void> {
  // Tests bring their own secrets (inherited by every jest worker), so a fresh clone needs no var/.
  process.env.JWT_SECRET ||= randomBytes(48).toString('base64url');
  process.env.ENCRYPTION_KEY ||= randomBytes(48).toString('base64url');
  const config = loadConfig();
  const template = `bo_test_tpl_${process.pid}`;
  const admin = new Client({ connectionString: config.databaseAdminUrl });
  await admin.connect();
  await ensureDatabase(config.databaseAdminUrl, config.databaseOwnerUrl, withDatabase(config.databaseUrl, template), config.database);
  await admin.end();
  await migrate(withDatabase(config.databaseOwnerUrl, template), withDatabase(config.databaseUrl, template));
  process.env.TEST_TEMPLATE_DB = template;
  process.env.TEST_RUN_ID = String(process.pid);
}
