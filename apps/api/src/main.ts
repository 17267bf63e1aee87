import { APP_CONFIG, type AppConfig, ConfigError, loadConfig } from '@app/core';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  try {
    loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`config: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen({ port: config.port, host: config.host });
  app.get(APP_CONFIG);
  console.log(`api listening on ${config.publicUrl} (docs at ${config.publicUrl}/api/docs)`);
}

void main();
