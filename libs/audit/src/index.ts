// audit.service first: @app/rbac imports it while this barrel may still be loading (the controllers import @app/rbac).
export * from './audit.service';
export * from './audit-logs.service';
export * from './audit.module';
export * from './csv-row';
