import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { QueueName, REDIS } from '@app/queue';

/**
 * Read handles on every queue for the API's gauges and dashboard. Work is still enqueued only
 * through the outbox; these handles are for looking.
 */
@Injectable()
export class MonitoredQueues implements OnApplicationShutdown {
  private readonly logger = new Logger('MonitoredQueues');
  private readonly queues: Queue[];

  constructor(@Inject(REDIS) redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    this.queues = Object.values(QueueName).map((name) => {
      const queue = new Queue(name, { connection: redis, prefix: config.redisPrefix });
      // Without a listener BullMQ prints every reconnect failure; the scrape reports Redis trouble itself.
      queue.on('error', (error) => this.logger.debug(`queue ${name}: ${error.message}`));
      return queue;
    });
  }

  all(): Queue[] {
    return this.queues;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close().catch(() => undefined)));
  }
}
