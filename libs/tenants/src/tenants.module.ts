import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RbacModule } from '@app/rbac';
import { AccessService } from './access.service';
import { Invitation } from './invitation.entity';
import { Membership } from './membership.entity';
import { TenantController } from './tenant.controller';
import { Tenant } from './tenant.entity';
import { TenantsService } from './tenants.service';

@Module({
  imports: [TypeOrmModule.forFeature([Tenant, Membership, Invitation]), RbacModule],
  controllers: [TenantController],
  providers: [TenantsService, AccessService],
  exports: [TenantsService, AccessService],
})
export class TenantsModule {}
