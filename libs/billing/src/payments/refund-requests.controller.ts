import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { RequirePermissions } from '@app/rbac';
import { RefundRequestDto, RefundRequestListDto, RefundRequestQueryDto, RejectRefundDto } from './refund-requests.dto';
import { RefundRequestsService } from './refund-requests.service';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/refund-requests')
export class RefundRequestsController {
  constructor(private readonly requests: RefundRequestsService) {}

  @Get()
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'List refund requests (newest first; filter by status, e.g. pending_approval, or payment)' })
  @ApiOkResponse({ type: RefundRequestListDto })
  @ApiProblems(400, 401, 403, 409)
  list(@Query() query: RefundRequestQueryDto): Promise<RefundRequestListDto> {
    return this.requests.list(query);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermissions('billing.refunds:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Approve a refund waiting for a second person and send it to Stripe (its requester cannot: 403 four-eyes-required)' })
  @ApiOkResponse({ type: RefundRequestDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  approve(@Param('id', ParseUUIDPipe) id: string): Promise<RefundRequestDto> {
    return this.requests.approve(id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermissions('billing.refunds:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Reject a refund waiting for approval, with a reason (it then holds nothing of the payment)' })
  @ApiOkResponse({ type: RefundRequestDto })
  @ApiProblems(400, 401, 403, 404, 409)
  reject(@Param('id', ParseUUIDPipe) id: string, @Body() body: RejectRefundDto): Promise<RefundRequestDto> {
    return this.requests.reject(id, body.reason);
  }
}
