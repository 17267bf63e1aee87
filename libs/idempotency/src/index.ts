export * from './idempotency.interceptor';
export * from './idempotency.module';
export * from './idempotency.service';
export * from './request-fingerprint';
