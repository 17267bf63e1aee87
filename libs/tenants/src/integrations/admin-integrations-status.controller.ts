import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { AllowInactiveTenant, RequirePermissions } from '@app/rbac';
import { IntegrationStatusDto } from './dto/integration-status.dto';
import { IntegrationStatusService } from './integration-status.service';

@ApiTags('admin: settings')
@ApiBearerAuth('bearer')
@AllowInactiveTenant()
@Controller('admin/integrations')
export class AdminIntegrationsStatusController {
  constructor(private readonly status: IntegrationStatusService) {}

  @Get('status')
  @RequirePermissions('platform.settings:read')
  @ApiOperation({ summary: 'Integration status across the platform (email figures of every tenant; never the keys)' })
  @ApiOkResponse({ type: IntegrationStatusDto })
  @ApiProblems(401, 403)
  get(): Promise<IntegrationStatusDto> {
    return this.status.forPlatform();
  }
}
