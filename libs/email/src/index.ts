export * from './email.module';
export * from './email.service';
export * from './email.transport';
