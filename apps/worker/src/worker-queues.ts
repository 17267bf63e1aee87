import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@app/core';
import { QueueName, REDIS } from '@app/queue';

/** One BullMQ Queue per queue name, shared by the relay, the sweeper and the schedules. */
@Injectable()
export class WorkerQueues {
  readonly byName: ReadonlyMap<QueueName, Queue>;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(REDIS) redis: Redis) {
    this.byName = new Map(Object.values(QueueName).map((name) => [name, new Queue(name, { connection: redis, prefix: config.redisPrefix })]));
  }

  get(name: QueueName): Queue {
    return this.byName.get(name)!;
  }

  async close(): Promise<void> {
    await Promise.all([...this.byName.values()].map((queue) => queue.close()));
  }
}
