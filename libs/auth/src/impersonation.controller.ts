import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditService } from '@app/audit';
import { ApiProblems, Problems } from '@app/core';
import { AllowInactiveTenant, NotWhileImpersonating, RequirePermissions } from '@app/rbac';
import { AdminTenantsService, ImpersonateDto, ImpersonationDto } from '@app/tenants';
import { CurrentPrincipal } from './current-principal.decorator';
import type { AuthenticatedPrincipal } from '@app/core';
import { TokensService } from './tokens.service';

/**
 * Platform staff signing in as a tenant user for support. Lives in libs/auth (it opens a session);
 * the target is resolved by the tenants admin service. Audited in the tenant's own log.
 */
@ApiTags('admin: tenants')
@ApiBearerAuth()
@AllowInactiveTenant()
@Controller('admin/tenants')
export class ImpersonationController {
  constructor(
    private readonly tenants: AdminTenantsService,
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
  ) {}

  @Post(':id/impersonate')
  @HttpCode(200)
  @RequirePermissions('platform.tenants:impersonate')
  @NotWhileImpersonating()
  @ApiOperation({ summary: 'Open a non-refreshable session as a member of the tenant (default: its first active owner) for 1 hour at most, ending with the staff session' })
  @ApiOkResponse({ type: ImpersonationDto })
  @ApiProblems(400, 401, 403, 404)
  async impersonate(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', ParseUUIDPipe) tenantId: string,
    @Body() body: ImpersonateDto,
  ): Promise<ImpersonationDto> {
    const target = await this.tenants.impersonationTarget(tenantId, body?.userId);
    if (!principal.sessionId) throw Problems.forbidden('Impersonation needs a signed-in staff session.');
    const session = await this.tokens.openImpersonation(principal.userId, principal.sessionId, target.userId, tenantId);
    await this.audit.record({
      action: 'tenant.impersonation_started',
      entityType: 'tenant',
      entityId: tenantId,
      tenantId,
      after: { impersonatorId: principal.userId, targetUserId: target.userId, sessionId: session.sessionId, expiresIn: session.expiresIn },
    });
    return { accessToken: session.accessToken, expiresIn: session.expiresIn, tenantId, impersonating: target };
  }
}
