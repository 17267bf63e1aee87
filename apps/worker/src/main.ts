import { ConfigError, loadConfig } from '@app/core';
import { createWorker } from './worker.factory';

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
  await createWorker();
  console.log('worker running');
}

void main();
