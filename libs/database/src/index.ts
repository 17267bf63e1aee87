export * from './bootstrap';
export * from './db.service';
export * from './database.module';
export * from './migrations';
export * from './after-commit';
