import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Problems } from '@app/core';
import { Db } from '@app/database';
import { AuditService } from '@app/audit';
import { AllowInactiveTenant, Authenticated, NotWhileImpersonating } from '@app/rbac';
import { CurrentPrincipal } from './current-principal.decorator';
import { AuthSessionListDto } from './dto/auth.dto';
import type { AuthenticatedPrincipal } from '@app/core';
import { TokensService } from './tokens.service';

@ApiTags('auth')
@ApiBearerAuth('bearer')
@Controller('auth/sessions')
export class SessionsController {
  constructor(
    private readonly db: Db,
    private readonly tokens: TokensService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Authenticated()
  @AllowInactiveTenant()
  @ApiOperation({ summary: 'The signed-in user\'s open sessions (devices)' })
  @ApiOkResponse({ type: AuthSessionListDto })
  @ApiProblems(401)
  async list(@CurrentPrincipal() principal: AuthenticatedPrincipal): Promise<AuthSessionListDto> {
    const rows = await this.db.manager().query(
      `select id, user_agent, ip, created_at, last_active_at, impersonator_id from auth_sessions
        where user_id = $1 and revoked_at is null and expires_at > now()
          and (impersonator_id is null or app_open_session_platform_role(impersonator_session_id) is not null)
        order by last_active_at desc limit 100`,
      [principal.userId],
    );
    return {
      data: rows.map((r: any) => ({
        id: r.id,
        userAgent: r.user_agent,
        ip: r.ip,
        createdAt: r.created_at.toISOString(),
        lastActiveAt: r.last_active_at.toISOString(),
        current: r.id === principal.sessionId,
        impersonation: r.impersonator_id !== null,
      })),
    };
  }

  @Delete(':id')
  @Authenticated()
  @NotWhileImpersonating()
  @AllowInactiveTenant()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke one of the signed-in user\'s sessions (it stops working at once)' })
  @ApiResponse({ status: 204, description: 'Revoked' })
  @ApiProblems(400, 401, 403, 404)
  async revoke(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    const rows = await this.db.manager().query(`select id from auth_sessions where id = $1 and user_id = $2 and revoked_at is null`, [id, principal.userId]);
    if (!rows.length) throw Problems.notFound('Session');
    await this.tokens.revokeSession(id, 'revoked_by_user');
    await this.audit.record({ action: 'auth.session_revoked', entityType: 'auth_session', entityId: id });
  }
}
