import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems, APP_CONFIG, type AppConfig, ConcurrencyLimit, type Principal, Problems, streamResponse } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { RequirePermissions } from '@app/rbac';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AUDIT_LOG_CSV_COLUMNS } from './audit-log-csv-columns';
import { AuditLogsService } from './audit-logs.service';
import { csvRow } from './csv-row';
import type { AuditLogDto } from './dto/audit-log.dto';
import { AuditLogFilterDto } from './dto/audit-log-filter.dto';
import { AuditLogListDto } from './dto/audit-log-list.dto';
import { AuditLogQueryDto } from './dto/audit-log-query.dto';

async function* csvLines(rows: AsyncIterable<AuditLogDto>): AsyncIterable<string> {
  yield csvRow(AUDIT_LOG_CSV_COLUMNS.map(([name]) => name));
  for await (const row of rows) yield csvRow(AUDIT_LOG_CSV_COLUMNS.map(([, cell]) => cell(row)));
}

@ApiTags('audit logs')
@ApiBearerAuth('bearer')
@Controller('audit-logs')
export class AuditLogsController {
  constructor(
    private readonly auditLogs: AuditLogsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @RequirePermissions('audit:read')
  @ApiOperation({ summary: 'List the audit log of the current tenant (newest first, filter by actor, action, entity and dates)' })
  @ApiOkResponse({ type: AuditLogListDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: AuditLogQueryDto): Promise<AuditLogListDto> {
    return this.auditLogs.list(query);
  }

  /**
   * Streams the CSV outside a request transaction (each batch reads in its own), so a client that
   * reads slowly holds no database connection; one that stops reading is cut off.
   */
  @Get('export')
  @RequirePermissions('audit:read')
  @WithoutTransaction()
  @ConcurrencyLimit('exports')
  @ApiOperation({ summary: 'Export the current tenant\'s audit log as CSV (same filters as the list, at most 100,000 rows; at most EXPORTS_PER_USER at once)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV file, one header line then one line per event, every cell quoted', schema: { type: 'string' } })
  @ApiProblems(400, 401, 403, 429)
  async export(@Query() filter: AuditLogFilterDto, @Req() request: FastifyRequest & { user?: Principal }, @Res() reply: FastifyReply): Promise<void> {
    const principal = request.user;
    if (!principal?.tenantId) throw Problems.forbidden('The audit log export needs a business to export from.');
    const rows = await this.auditLogs.exportRows({ tenantId: principal.tenantId, userId: principal.userId }, filter);
    const filename = `audit-log-${new Date().toISOString().slice(0, 10)}.csv`;
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'no-store');
    await streamResponse(reply, csvLines(rows), this.config.http.writeTimeoutMs);
  }
}
