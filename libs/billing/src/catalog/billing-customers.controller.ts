import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { RequirePermissions } from '@app/rbac';
import { BillingCustomersService } from './billing-customers.service';
import { CustomerCreateDto, CustomerQueryDto, CustomerUpdateDto } from './dto/catalog-input.dto';
import { BillingCustomerDetailDto, BillingCustomerListDto } from './dto/billing-customer.dto';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/customers')
export class BillingCustomersController {
  constructor(private readonly customers: BillingCustomersService) {}

  @Get()
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'List the business\'s Stripe customers (newest first; search by email or name), as mirrored from Stripe' })
  @ApiOkResponse({ type: BillingCustomerListDto })
  @ApiProblems(400, 401, 403, 409)
  list(@Query() query: CustomerQueryDto): Promise<BillingCustomerListDto> {
    return this.customers.list(query);
  }

  @Get(':id')
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'A customer with its linked member and Stripe-side status (delinquent, balance, deleted)' })
  @ApiOkResponse({ type: BillingCustomerDetailDto })
  @ApiProblems(400, 401, 403, 404, 409)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<BillingCustomerDetailDto> {
    return this.customers.get(id);
  }

  @Post()
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Create a customer in Stripe (one per email: an existing one is returned with 200)' })
  @ApiCreatedResponse({ type: BillingCustomerDetailDto, description: 'Created' })
  @ApiOkResponse({ type: BillingCustomerDetailDto, description: 'The customer with this email already existed' })
  @ApiProblems(400, 401, 403, 404, 409)
  async create(@Body() body: CustomerCreateDto, @Res({ passthrough: true }) reply: FastifyReply, @Headers('idempotency-key') key?: string): Promise<BillingCustomerDetailDto> {
    const result = await this.customers.create(body, key);
    void reply.status(result.created ? 201 : 200);
    return result.customer;
  }

  @Patch(':id')
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Change a customer\'s email or name in Stripe and the mirror' })
  @ApiOkResponse({ type: BillingCustomerDetailDto })
  @ApiProblems(400, 401, 403, 404, 409)
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: CustomerUpdateDto, @Headers('idempotency-key') key?: string): Promise<BillingCustomerDetailDto> {
    return this.customers.update(id, body, key);
  }
}
