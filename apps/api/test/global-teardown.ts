import { loadConfig } from '../../../libs/core/src/config';
import { Client } from 'pg';

export default async function globalTeardown(): Promise<void> {
  const config = loadConfig();
  const admin = new Client({ connectionString: config.databaseAdminUrl });
  await admin.connect();
  const rows = await admin.query(`select datname from pg_database where datname like 'bo_test_%'`);
  for (const { datname } of rows.rows) {
    if (datname.startsWith(`bo_test_tpl_${process.pid}`) || datname.startsWith(`bo_test_f_${process.pid}_`)) {
      await admin.query(`drop database if exists "${datname}" with (force)`).catch(() => undefined);
    }
  }
  await admin.end();
}
