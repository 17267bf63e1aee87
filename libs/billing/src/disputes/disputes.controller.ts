import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import { BillingDisputesService } from './disputes.service';
import { BillingDisputeDto, BillingDisputeListDto, DisputeQueryDto } from './disputes.dto';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/disputes')
export class BillingDisputesController {
  constructor(private readonly disputes: BillingDisputesService) {}

  @Get()
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'List the business\'s disputes (newest first; filter by status, still needing evidence, evidence due before) with the count still needing evidence' })
  @ApiOkResponse({ type: BillingDisputeListDto })
  @ApiProblems(400, 401, 403, 409)
  list(@Query() query: DisputeQueryDto): Promise<BillingDisputeListDto> {
    return this.disputes.list(query);
  }

  @Get(':id')
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'A dispute with its payment, customer, evidence due date and its page in the Stripe Dashboard' })
  @ApiOkResponse({ type: BillingDisputeDto })
  @ApiProblems(400, 401, 403, 404, 409)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<BillingDisputeDto> {
    return this.disputes.get(id);
  }
}
