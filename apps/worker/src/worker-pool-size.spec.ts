import { WORKER_DEFAULT_POOL_SIZE } from '@app/core';
import { QueueName } from '@app/queue';
import { JOB_CONCURRENCY } from './worker.service';

describe('the worker database pool default', () => {
  it('has a connection for every job the worker runs at once, plus one for the outbox relay', () => {
    expect(WORKER_DEFAULT_POOL_SIZE).toBeGreaterThanOrEqual(Object.values(QueueName).length * JOB_CONCURRENCY + 1);
  });
});
