import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { AllowInactiveTenant, RequirePermissions } from '@app/rbac';
import { AdminTenantsService } from './admin-tenants.service';
import { AdminTenantDto } from './dto/admin-tenant.dto';
import { AdminTenantListDto } from './dto/admin-tenant-list.dto';
import { AdminTenantQueryDto } from './dto/admin-tenant-query.dto';
import { BulkTenantsDto } from './dto/bulk-tenants.dto';
import { BulkTenantsResultDto } from './dto/bulk-tenants-result.dto';
import { RejectTenantDto } from './dto/reject-tenant.dto';
import { SuspendTenantDto } from './dto/suspend-tenant.dto';

/**
 * Platform staff's tenant administration. Platform permissions come from the user's platform role,
 * not from a tenant, so these routes work whatever the status of the staff member's own tenant.
 */
@ApiTags('admin: tenants')
@ApiBearerAuth()
@AllowInactiveTenant()
@Controller('admin/tenants')
export class AdminTenantsController {
  constructor(private readonly tenants: AdminTenantsService) {}

  @Get()
  @RequirePermissions('platform.tenants:read')
  @ApiOperation({ summary: 'List and search every tenant (newest first)' })
  @ApiOkResponse({ type: AdminTenantListDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: AdminTenantQueryDto): Promise<AdminTenantListDto> {
    return this.tenants.list(query);
  }

  @Post('bulk')
  @HttpCode(200)
  @RequirePermissions('platform.tenants:write')
  @ApiOperation({ summary: 'Suspend, activate or change the plan of many tenants (one result per id)' })
  @ApiOkResponse({ type: BulkTenantsResultDto })
  @ApiProblems(400, 401, 403)
  async bulk(@Body() body: BulkTenantsDto): Promise<BulkTenantsResultDto> {
    return { results: await this.tenants.bulk(body) };
  }

  @Get(':id')
  @RequirePermissions('platform.tenants:read')
  @ApiOperation({ summary: 'One tenant as platform staff see it' })
  @ApiOkResponse({ type: AdminTenantDto })
  @ApiProblems(400, 401, 403, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<AdminTenantDto> {
    return this.tenants.get(id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermissions('platform.tenants:write')
  @ApiOperation({ summary: 'Approve a pending tenant (pending → active)' })
  @ApiOkResponse({ type: AdminTenantDto })
  @ApiProblems(400, 401, 403, 404, 409)
  approve(@Param('id', ParseUUIDPipe) id: string): Promise<AdminTenantDto> {
    return this.tenants.transition(id, 'approve');
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermissions('platform.tenants:write')
  @ApiOperation({ summary: 'Reject a pending tenant with a reason (pending → rejected)' })
  @ApiOkResponse({ type: AdminTenantDto })
  @ApiProblems(400, 401, 403, 404, 409)
  reject(@Param('id', ParseUUIDPipe) id: string, @Body() body: RejectTenantDto): Promise<AdminTenantDto> {
    return this.tenants.transition(id, 'reject', body.reason);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @RequirePermissions('platform.tenants:write')
  @ApiOperation({ summary: 'Suspend an active tenant (active → suspended); its members lose access at once' })
  @ApiOkResponse({ type: AdminTenantDto })
  @ApiProblems(400, 401, 403, 404, 409)
  suspend(@Param('id', ParseUUIDPipe) id: string, @Body() body: SuspendTenantDto): Promise<AdminTenantDto> {
    return this.tenants.transition(id, 'suspend', body?.reason);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @RequirePermissions('platform.tenants:write')
  @ApiOperation({ summary: 'Re-activate a suspended tenant (suspended → active)' })
  @ApiOkResponse({ type: AdminTenantDto })
  @ApiProblems(400, 401, 403, 404, 409)
  activate(@Param('id', ParseUUIDPipe) id: string): Promise<AdminTenantDto> {
    return this.tenants.transition(id, 'activate');
  }
}
