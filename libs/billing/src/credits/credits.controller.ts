import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { RequirePermissions } from '@app/rbac';
import { BillingCreditsService } from './credits.service';
import { BalanceAdjustmentDto, BalanceTransactionDto, BalanceTransactionListDto, BalanceTransactionQueryDto } from './credits.dto';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/customers/:id/balance-transactions')
export class BillingCreditsController {
  constructor(private readonly credits: BillingCreditsService) {}

  @Get()
  @RequirePermissions('billing:read')
  @WithoutTransaction()
  @ApiOperation({ summary: 'A customer\'s balance history (credits, debits, what was applied to invoices), newest first, read from Stripe' })
  @ApiOkResponse({ type: BalanceTransactionListDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  list(@Param('id', ParseUUIDPipe) id: string, @Query() query: BalanceTransactionQueryDto): Promise<BalanceTransactionListDto> {
    return this.credits.list(id, query);
  }

  @Post()
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Credit or debit a customer\'s balance with a reason (a credit is used up by their next invoices)' })
  @ApiCreatedResponse({ type: BalanceTransactionDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  adjust(@Param('id', ParseUUIDPipe) id: string, @Body() body: BalanceAdjustmentDto, @Headers('idempotency-key') key?: string): Promise<BalanceTransactionDto> {
    return this.credits.adjust(id, body, key);
  }
}
