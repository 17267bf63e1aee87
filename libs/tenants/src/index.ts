export * from './access.service';
export * from './dto/tenant.dto';
export * from './invitation.entity';
export * from './membership.entity';
export * from './tenant.entity';
export * from './tenants.module';
export * from './tenants.service';
export * from './admin/admin-tenants.module';
