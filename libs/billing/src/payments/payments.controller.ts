import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import { BillingPaymentsService } from './payments.service';
import { PaymentDetailDto, PaymentListDto, PaymentQueryDto } from './payments.dto';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/payments')
export class BillingPaymentsController {
  constructor(private readonly payments: BillingPaymentsService) {}

  @Get()
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'List the business\'s payments (newest first; filter by status, customer, customer search, creation dates, refunded) with what is left to refund' })
  @ApiOkResponse({ type: PaymentListDto })
  @ApiProblems(400, 401, 403, 409)
  list(@Query() query: PaymentQueryDto): Promise<PaymentListDto> {
    return this.payments.list(query);
  }

  @Get(':id')
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'A payment with its customer, card, failure and its refunds (newest first, with staff\'s notes)' })
  @ApiOkResponse({ type: PaymentDetailDto })
  @ApiProblems(400, 401, 403, 404, 409)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<PaymentDetailDto> {
    return this.payments.get(id);
  }
}
