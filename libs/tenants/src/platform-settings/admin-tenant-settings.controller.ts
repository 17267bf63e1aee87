import { Body, Controller, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { AllowInactiveTenant, RequirePermissions } from '@app/rbac';
import { TenantDto } from '../dto/tenant.dto';
import { TenantsService } from '../tenants.service';
import { SetTenantPlatformFeeDto } from './dto/set-tenant-platform-fee.dto';

/** The part of a tenant's settings only platform staff change. */
@ApiTags('admin: tenants')
@ApiBearerAuth('bearer')
@AllowInactiveTenant()
@Controller('admin/tenants')
export class AdminTenantSettingsController {
  constructor(private readonly tenants: TenantsService) {}

  @Patch(':id/platform-fee')
  @RequirePermissions('platform.tenants:write')
  @ApiOperation({ summary: 'Set the platform fee of one tenant (basis points)' })
  @ApiOkResponse({ type: TenantDto })
  @ApiProblems(400, 401, 403, 404)
  setPlatformFee(@Param('id', ParseUUIDPipe) id: string, @Body() body: SetTenantPlatformFeeDto): Promise<TenantDto> {
    return this.tenants.setPlatformFee(id, body.platformFeeBps);
  }
}
