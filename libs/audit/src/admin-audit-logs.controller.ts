import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { AllowInactiveTenant, RequirePermissions } from '@app/rbac';
import { AuditLogsService } from './audit-logs.service';
import { AdminAuditLogListDto } from './dto/admin-audit-log-list.dto';
import { AdminAuditLogQueryDto } from './dto/admin-audit-log-query.dto';

/** Platform staff's view of the audit log across every tenant (works whatever their own tenant's status). */
@ApiTags('admin: audit logs')
@ApiBearerAuth('bearer')
@AllowInactiveTenant()
@Controller('admin/audit-logs')
export class AdminAuditLogsController {
  constructor(private readonly auditLogs: AuditLogsService) {}

  @Get()
  @RequirePermissions('platform.audit:read')
  @ApiOperation({ summary: 'List the audit log of every tenant, and user-level events (newest first)' })
  @ApiOkResponse({ type: AdminAuditLogListDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: AdminAuditLogQueryDto): Promise<AdminAuditLogListDto> {
    return this.auditLogs.listAll(query);
  }
}
