import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import { BulkOperationDetailDto, BulkOperationDto, BulkOperationListDto, BulkOperationQueryDto, BulkSubscriptionsDto } from './bulk-operations.dto';
import { BulkOperationsService } from './bulk-operations.service';

/** Staff's bulk actions on subscriptions (run in the background, one Stripe call per subscription) and their progress. */
@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing')
export class BulkOperationsController {
  constructor(private readonly operations: BulkOperationsService) {}

  @Post('subscriptions/bulk')
  @HttpCode(202)
  @RequirePermissions('billing:write')
  @ApiOperation({ summary: 'Cancel at period end, apply a coupon to, or extend up to 200 subscriptions in the background, with a result per subscription' })
  @ApiAcceptedResponse({ type: BulkOperationDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  request(@Body() body: BulkSubscriptionsDto): Promise<BulkOperationDto> {
    return this.operations.request(body);
  }

  @Get('bulk-operations')
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'List the business\'s bulk operations on subscriptions (newest first)' })
  @ApiOkResponse({ type: BulkOperationListDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: BulkOperationQueryDto): Promise<BulkOperationListDto> {
    return this.operations.list(query);
  }

  @Get('bulk-operations/:id')
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'One bulk operation: its progress and the result for each subscription' })
  @ApiOkResponse({ type: BulkOperationDetailDto })
  @ApiProblems(400, 401, 403, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<BulkOperationDetailDto> {
    return this.operations.get(id);
  }
}
