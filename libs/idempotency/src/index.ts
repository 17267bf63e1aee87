export * from './idempotent-request';
export * from './idempotency.module';
export * from './idempotency.service';
export * from './request-fingerprint';
