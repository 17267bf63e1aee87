import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { AllowInactiveTenant, RequirePermissions } from '@app/rbac';
import { BillingSyncRunsService } from '../sync/billing-sync-runs.service';
import { AdminSyncRunQueryDto, BillingSyncHealthDto, BillingSyncRunListDto } from '../sync/dto/billing-sync-run.dto';

/** Platform staff's view of every tenant's Stripe sync runs and their health. */
@ApiTags('admin: billing')
@ApiBearerAuth('bearer')
@AllowInactiveTenant()
@Controller('admin/billing')
export class BillingSyncAdminController {
  constructor(private readonly runs: BillingSyncRunsService) {}

  @Get('sync-runs')
  @RequirePermissions('platform.billing:read')
  @ApiOperation({ summary: 'List every tenant\'s sync runs (newest first), by tenant or status' })
  @ApiOkResponse({ type: BillingSyncRunListDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: AdminSyncRunQueryDto): Promise<BillingSyncRunListDto> {
    return this.runs.adminList(query);
  }

  @Get('sync-health')
  @RequirePermissions('platform.billing:read')
  @ApiOperation({ summary: 'Sync health: last run per tenant, runs failed in 24 h, tenants never synced or not for 36 h' })
  @ApiOkResponse({ type: BillingSyncHealthDto })
  @ApiProblems(401, 403)
  health(): Promise<BillingSyncHealthDto> {
    return this.runs.health();
  }
}
