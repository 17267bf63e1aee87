export * from './decorators';
export * from './permissions';
export * from './role.entity';
export * from './roles.service';
export * from './rbac.module';
export * from './grant-ceiling';
