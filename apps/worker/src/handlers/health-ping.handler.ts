import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { JobName, REDIS } from '@app/queue';
import type { JobHandlerProvider } from '../job-handlers';

/** Leaves the time of the last run in Redis, so anyone can see the worker and its schedules are alive. */
@Injectable()
export class HealthPingHandler implements JobHandlerProvider<JobName.HealthPing> {
  readonly name = JobName.HealthPing;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async handle(): Promise<void> {
    await this.redis.set(`${this.config.redisPrefix}:worker:last-health-ping`, new Date().toISOString());
  }
}
