import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, PageQueryDto } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import { BillingCatalogService } from './billing-catalog.service';
import { BillingCustomerListDto } from './dto/billing-customer.dto';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/customers')
export class BillingCustomersController {
  constructor(private readonly catalog: BillingCatalogService) {}

  @Get()
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'List the business\'s Stripe customers (newest first), as mirrored from Stripe' })
  @ApiOkResponse({ type: BillingCustomerListDto })
  @ApiProblems(400, 401, 403, 409)
  list(@Query() query: PageQueryDto): Promise<BillingCustomerListDto> {
    return this.catalog.customers(query);
  }
}
