import { PassThrough } from 'node:stream';
import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import type { FastifyReply } from 'fastify';
import { AUDIT_LOG_CSV_COLUMNS } from './audit-log-csv-columns';
import { AuditLogsService } from './audit-logs.service';
import { csvRow } from './csv-row';
import { AuditLogFilterDto } from './dto/audit-log-filter.dto';
import { AuditLogListDto } from './dto/audit-log-list.dto';
import { AuditLogQueryDto } from './dto/audit-log-query.dto';

/** Waits until the stream wants more data, or is gone (client disconnected). */
function drained(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

@ApiTags('audit logs')
@ApiBearerAuth('bearer')
@Controller('audit-logs')
export class AuditLogsController {
  private readonly logger = new Logger(AuditLogsController.name);

  constructor(private readonly auditLogs: AuditLogsService) {}

  @Get()
  @RequirePermissions('audit:read')
  @ApiOperation({ summary: 'List the audit log of the current tenant (newest first, filter by actor, action, entity and dates)' })
  @ApiOkResponse({ type: AuditLogListDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: AuditLogQueryDto): Promise<AuditLogListDto> {
    return this.auditLogs.list(query);
  }

  /**
   * Streams the CSV while the request's transaction is open: the handler resolves only once every
   * row is written, so the interceptor commits after the last batch is read.
   */
  @Get('export')
  @RequirePermissions('audit:read')
  @ApiOperation({ summary: 'Export the current tenant\'s audit log as CSV (same filters as the list, at most 100,000 rows)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV file, one header line then one line per event', schema: { type: 'string' } })
  @ApiProblems(400, 401, 403)
  async export(@Query() filter: AuditLogFilterDto, @Res() reply: FastifyReply): Promise<void> {
    const rows = await this.auditLogs.exportRows(filter);
    const stream = new PassThrough();
    const filename = `audit-log-${new Date().toISOString().slice(0, 10)}.csv`;
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .header('cache-control', 'no-store')
      .send(stream);
    try {
      stream.write(csvRow(AUDIT_LOG_CSV_COLUMNS.map(([name]) => name)));
      for await (const row of rows) {
        if (stream.destroyed) return;
        if (!stream.write(csvRow(AUDIT_LOG_CSV_COLUMNS.map(([, cell]) => cell(row))))) await drained(stream);
      }
      stream.end();
    } catch (error) {
      // Headers are gone already: all that is left is to cut the response short.
      this.logger.error(`Audit log export failed: ${(error as Error).message}`);
      stream.destroy(error as Error);
    }
  }
}
