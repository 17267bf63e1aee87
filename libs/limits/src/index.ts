export * from './concurrency-limit.guard';
export * from './limits.module';
export * from './limits.service';
export * from './plan-limit.problem';
export * from './plan-limits';
export * from './rate-limit.decorator';
export * from './rate-limit.guard';
export * from './usage-meters';
