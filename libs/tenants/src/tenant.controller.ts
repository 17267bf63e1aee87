import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import { TenantDto, UpdateTenantDto } from './dto/tenant.dto';
import { TenantsService, toTenantDto } from './tenants.service';

@ApiTags('tenant')
@ApiBearerAuth('bearer')
@Controller('tenant')
export class TenantController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  @RequirePermissions('tenant:read')
  @ApiOperation({ summary: 'The current tenant\'s profile and settings' })
  @ApiOkResponse({ type: TenantDto })
  @ApiProblems(401, 403)
  async get(): Promise<TenantDto> {
    return toTenantDto(await this.tenants.current());
  }

  @Patch()
  @RequirePermissions('tenant:write')
  @ApiOperation({ summary: 'Change the current tenant\'s profile and settings' })
  @ApiOkResponse({ type: TenantDto })
  @ApiProblems(400, 401, 403)
  update(@Body() body: UpdateTenantDto): Promise<TenantDto> {
    return this.tenants.updateCurrent(body);
  }
}
