import { Body, Controller, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, type AuthenticatedPrincipal } from '@app/auth';
import { ApiProblems, EmptyBodyDto } from '@app/core';
import { AllowInactiveTenant, RequirePermissions } from '@app/rbac';
import { QueueDashboardSessionDto } from './dto/queue-dashboard-session.dto';
import { QueueDashboardSessionService } from './queue-dashboard-session.service';

/**
 * Browsers navigate to the dashboard without our bearer header, so staff first trade their token for
 * a short HttpOnly cookie scoped to /admin/queues.
 */
@ApiTags('admin: queues')
@ApiBearerAuth('bearer')
@AllowInactiveTenant()
@Controller('admin/queues')
export class QueueDashboardSessionController {
  constructor(private readonly sessions: QueueDashboardSessionService) {}

  @Post('session')
  @RequirePermissions('platform.jobs:read')
  @ApiOperation({ summary: 'Open a queue dashboard session: sets a 15-minute HttpOnly cookie for /admin/queues' })
  @ApiCreatedResponse({ type: QueueDashboardSessionDto })
  @ApiProblems(400, 401, 403)
  async open(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Body() _body: EmptyBodyDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<QueueDashboardSessionDto> {
    const { cookie, session } = await this.sessions.open(principal);
    void reply.header('set-cookie', cookie);
    return session;
  }
}
