import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { RequirePermissions } from '@app/rbac';
import { BillingInvoicesService } from './invoices.service';
import { BillingInvoiceDetailDto, BillingInvoiceLinksDto, BillingInvoiceListDto, InvoiceCreateDto, InvoiceQueryDto } from './invoices.dto';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/invoices')
export class BillingInvoicesController {
  constructor(private readonly invoices: BillingInvoicesService) {}

  @Get()
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'List the business\'s invoices (newest first; filter by status, customer, subscription, creation date; search customer or number), as mirrored from Stripe' })
  @ApiOkResponse({ type: BillingInvoiceListDto })
  @ApiProblems(400, 401, 403, 409)
  list(@Query() query: InvoiceQueryDto): Promise<BillingInvoiceListDto> {
    return this.invoices.list(query);
  }

  @Post()
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Create a one-off draft invoice with line items for a customer (finalize it to send or charge it)' })
  @ApiCreatedResponse({ type: BillingInvoiceDetailDto, description: 'Created' })
  @ApiOkResponse({ type: BillingInvoiceDetailDto, description: 'Already created by an earlier request with the same Idempotency-Key' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async create(@Body() body: InvoiceCreateDto, @Res({ passthrough: true }) reply: FastifyReply, @Headers('idempotency-key') key?: string): Promise<BillingInvoiceDetailDto> {
    const result = await this.invoices.create(body, key);
    void reply.status(result.created ? 201 : 200);
    return result.invoice;
  }

  @Get(':id')
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'An invoice with its line items, amounts and status dates' })
  @ApiOkResponse({ type: BillingInvoiceDetailDto })
  @ApiProblems(400, 401, 403, 404, 409)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<BillingInvoiceDetailDto> {
    return this.invoices.get(id);
  }

  @Get(':id/links')
  @RequirePermissions('billing:read')
  @WithoutTransaction()
  @ApiOperation({ summary: 'The invoice\'s hosted payment page and PDF, read from Stripe (not stored; none for a draft)' })
  @ApiOkResponse({ type: BillingInvoiceLinksDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  links(@Param('id', ParseUUIDPipe) id: string): Promise<BillingInvoiceLinksDto> {
    return this.invoices.links(id);
  }

  @Post(':id/finalize')
  @HttpCode(200)
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Finalize a draft invoice (it gets its number and becomes open; it is not sent or charged by this)' })
  @ApiOkResponse({ type: BillingInvoiceDetailDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  finalize(@Param('id', ParseUUIDPipe) id: string, @Headers('idempotency-key') key?: string): Promise<BillingInvoiceDetailDto> {
    return this.invoices.act(id, 'finalize', key);
  }

  @Post(':id/send')
  @HttpCode(200)
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Email an open invoice collected by email to the customer (Stripe sends it)' })
  @ApiOkResponse({ type: BillingInvoiceDetailDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  send(@Param('id', ParseUUIDPipe) id: string, @Headers('idempotency-key') key?: string): Promise<BillingInvoiceDetailDto> {
    return this.invoices.act(id, 'send', key);
  }

  @Post(':id/void')
  @HttpCode(200)
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Void an open invoice (it is kept, marked void, and can no longer be paid)' })
  @ApiOkResponse({ type: BillingInvoiceDetailDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  void(@Param('id', ParseUUIDPipe) id: string, @Headers('idempotency-key') key?: string): Promise<BillingInvoiceDetailDto> {
    return this.invoices.act(id, 'void', key);
  }

  @Post(':id/mark-uncollectible')
  @HttpCode(200)
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Mark an open invoice uncollectible (a bad debt; it can still be paid later)' })
  @ApiOkResponse({ type: BillingInvoiceDetailDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  markUncollectible(@Param('id', ParseUUIDPipe) id: string, @Headers('idempotency-key') key?: string): Promise<BillingInvoiceDetailDto> {
    return this.invoices.act(id, 'markUncollectible', key);
  }

  @Post(':id/pay')
  @HttpCode(200)
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Try to collect an open or uncollectible invoice now with the customer\'s default payment method' })
  @ApiOkResponse({ type: BillingInvoiceDetailDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  pay(@Param('id', ParseUUIDPipe) id: string, @Headers('idempotency-key') key?: string): Promise<BillingInvoiceDetailDto> {
    return this.invoices.act(id, 'pay', key);
  }
}
