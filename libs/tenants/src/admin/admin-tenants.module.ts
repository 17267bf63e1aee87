import { Module } from '@nestjs/common';
import { AdminTenantsController } from './admin-tenants.controller';
import { AdminTenantsService } from './admin-tenants.service';

/** Platform staff's cross-tenant administration (approve, suspend, impersonate...). */
@Module({
  controllers: [AdminTenantsController],
  providers: [AdminTenantsService],
  exports: [AdminTenantsService],
})
export class AdminTenantsModule {}

// Re-exported for libs/auth's impersonation route (the package index exports this file only).
export { AdminTenantsService } from './admin-tenants.service';
export { ImpersonateDto } from './dto/impersonate.dto';
export { ImpersonationDto } from './dto/impersonation.dto';
