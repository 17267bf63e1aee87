import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RbacModule } from '@app/rbac';
import { WebhookEventsModule } from '@app/webhooks';
import { AccessService } from './access.service';
import { Invitation } from './invitation.entity';
import { InvitationRedemptionService } from './invitations/invitation-redemption.service';
import { InvitationsController } from './invitations/invitations.controller';
import { InvitationsService } from './invitations/invitations.service';
import { MembersController } from './members/members.controller';
import { MembersService } from './members/members.service';
import { MembersUsageMeter } from './members/members-usage.meter';
import { OwnersService } from './members/owners.service';
import { Membership } from './membership.entity';
import { TenantController } from './tenant.controller';
import { Tenant } from './tenant.entity';
import { TenantsService } from './tenants.service';

@Module({
  imports: [TypeOrmModule.forFeature([Tenant, Membership, Invitation]), RbacModule, WebhookEventsModule],
  controllers: [TenantController, MembersController, InvitationsController],
  providers: [TenantsService, AccessService, OwnersService, MembersService, MembersUsageMeter, InvitationsService, InvitationRedemptionService],
  exports: [TenantsService, AccessService, InvitationRedemptionService],
})
export class TenantsModule {}
