export * from './bootstrap';
export * from './db.service';
export * from './database.module';
export * from './migrations';
export * from './without-transaction.decorator';
export * from './after-commit';
