import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, EmptyBodyDto } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import { BillingSyncRunsService } from './billing-sync-runs.service';
import { BillingSyncRunDto, BillingSyncRunListDto, SyncRunQueryDto } from './dto/billing-sync-run.dto';

/** A business's reconciliation with Stripe ("sync now"), its initial import, and their runs. */
@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing')
export class BillingSyncController {
  constructor(private readonly runs: BillingSyncRunsService) {}

  @Post('sync')
  @HttpCode(202)
  @RequirePermissions('billing:write')
  @ApiOperation({ summary: 'Sync now: reconcile the mirror with Stripe in the background (one run at a time)' })
  @ApiAcceptedResponse({ type: BillingSyncRunDto })
  @ApiProblems(400, 401, 403, 409)
  sync(@Body() _body: EmptyBodyDto): Promise<BillingSyncRunDto> {
    return this.runs.start('reconcile');
  }

  @Post('import')
  @HttpCode(202)
  @RequirePermissions('billing:write')
  @ApiOperation({ summary: 'Import the whole Stripe history into the mirror in the background (resumable, safe to run twice)' })
  @ApiAcceptedResponse({ type: BillingSyncRunDto })
  @ApiProblems(400, 401, 403, 409)
  import(@Body() _body: EmptyBodyDto): Promise<BillingSyncRunDto> {
    return this.runs.start('import');
  }

  @Get('sync-runs')
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'List the business\'s sync runs (newest first)' })
  @ApiOkResponse({ type: BillingSyncRunListDto })
  @ApiProblems(400, 401, 403, 409)
  list(@Query() query: SyncRunQueryDto): Promise<BillingSyncRunListDto> {
    return this.runs.list(query);
  }

  @Get('sync-runs/:id')
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'One sync run with its progress per kind' })
  @ApiOkResponse({ type: BillingSyncRunDto })
  @ApiProblems(400, 401, 403, 404, 409)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<BillingSyncRunDto> {
    return this.runs.get(id);
  }
}
