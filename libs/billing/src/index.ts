export * from './billing.module';
export * from './billing-worker.module';
export * from './events/stripe-event-processor';
export * from './gateway/stripe-event';
export * from './mirror/mirror-upsert';
export * from './gateway/stripe-gateway';
