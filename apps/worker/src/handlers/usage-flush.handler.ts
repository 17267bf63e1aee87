import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { flushSessionActivity } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { Db } from '@app/database';
import { flushApiUsage } from '@app/limits';
import { JobName, REDIS } from '@app/queue';
import type { JobHandlerProvider } from '../job-handlers';

/**
 * Moves what the request path counts in Redis into the database: API-key calls (key usage and the
 * tenant's monthly API calls) and sessions' last activity. Runs every USAGE_FLUSH_EVERY_SECONDS; each
 * flush takes what it writes out of Redis atomically, so parallel workers never write a count twice.
 */
@Injectable()
export class UsageFlushHandler implements JobHandlerProvider<JobName.UsageFlush> {
  readonly name = JobName.UsageFlush;
  private readonly logger = new Logger('UsageFlush');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly db: Db,
  ) {}

  async handle(): Promise<void> {
    const calls = await flushApiUsage(this.redis, this.db, this.config.redisPrefix);
    const sessions = await flushSessionActivity(this.redis, this.db, this.config.redisPrefix);
    if (calls || sessions) this.logger.debug(`flushed ${calls} API calls and ${sessions} session activities`);
  }
}
