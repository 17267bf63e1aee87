export * from './outbox.relay';
export * from './outbox.service';
export * from './queue-names';
export * from './queue.module';
export * from './redis';
