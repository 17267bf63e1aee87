import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { QueueName, REDIS } from '@app/queue';

/** One BullMQ Queue per queue name, shared by the relay, the sweeper and the schedules. */
@Injectable()
export class WorkerQueues {
  readonly byName: ReadonlyMap<QueueName, Queue>;

  private readonly logger = new Logger('Queues');

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(REDIS) redis: Redis) {
    this.byName = new Map(
      Object.values(QueueName).map((name) => {
        const queue = new Queue(name, { connection: redis, prefix: config.redisPrefix });
        queue.on('error', (error) => this.logger.warn(`queue ${name}: ${error.message}`));
        return [name, queue];
      }),
    );
  }

  get(name: QueueName): Queue {
    return this.byName.get(name)!;
  }

  async close(): Promise<void> {
    await Promise.all([...this.byName.values()].map((queue) => queue.close()));
  }
}
