import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import type { FastifyReply } from 'fastify';
import { metricsCsv } from './metrics-csv';
import { BillingMetricsDto, BillingMetricsQueryDto } from './metrics.dto';
import { BillingMetricsService } from './metrics.service';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing')
export class BillingMetricsController {
  constructor(private readonly metrics: BillingMetricsService) {}

  @Get('metrics')
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'Billing metrics per month (UTC) and currency: MRR, ARR, new / expansion / contraction / churned MRR, subscribers, ARPU, logo and revenue churn, LTV, trial conversion, failed-payment recovery (at most 24 months; default the last 6)' })
  @ApiOkResponse({ type: BillingMetricsDto })
  @ApiProblems(400, 401, 403, 409)
  get(@Query() query: BillingMetricsQueryDto): Promise<BillingMetricsDto> {
    return this.metrics.metrics(query);
  }

  @Get('metrics.csv')
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'The same billing metrics as CSV, one line per month and currency' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV file, one header line then one line per month and currency, every cell quoted', schema: { type: 'string' } })
  @ApiProblems(400, 401, 403, 409)
  async csv(@Query() query: BillingMetricsQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const metrics = await this.metrics.metrics(query);
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="billing-metrics-${metrics.from}-to-${metrics.to}.csv"`)
      .header('cache-control', 'no-store');
    return metricsCsv(metrics);
  }
}
