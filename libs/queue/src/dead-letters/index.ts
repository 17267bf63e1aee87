export * from './dead-letter.recorder';
export * from './dead-letter-status';
export * from './dead-letters.module';
