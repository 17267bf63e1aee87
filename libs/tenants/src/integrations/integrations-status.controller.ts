import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import { IntegrationStatusDto } from './dto/integration-status.dto';
import { IntegrationStatusService } from './integration-status.service';

@ApiTags('integrations')
@ApiBearerAuth('bearer')
@Controller('integrations')
export class IntegrationsStatusController {
  constructor(private readonly status: IntegrationStatusService) {}

  @Get('status')
  @RequirePermissions('integrations:read')
  @ApiOperation({ summary: 'Stripe, email, Redis and database status (configured / test mode / last activity, never the keys)' })
  @ApiOkResponse({ type: IntegrationStatusDto })
  @ApiProblems(401, 403)
  get(): Promise<IntegrationStatusDto> {
    return this.status.forTenant();
  }
}
