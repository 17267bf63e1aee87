export * from './body-limit.decorator';
export * from './find-input-violation';
export * from './input-limits';
export * from './install-input-bounds';
export * from './route-body-limits';
