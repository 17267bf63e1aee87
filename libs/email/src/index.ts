export * from './email.module';
export * from './email.service';
export * from './email.transport';
export * from './email-template-catalog';
export * from './email-template-renderer';
export * from './email-template.error';
export * from './email-message-content.service';
