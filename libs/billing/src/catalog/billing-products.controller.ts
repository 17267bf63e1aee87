import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, PageQueryDto } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import { BillingCatalogService } from './billing-catalog.service';
import { BillingProductListDto } from './dto/billing-product.dto';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/products')
export class BillingProductsController {
  constructor(private readonly catalog: BillingCatalogService) {}

  @Get()
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'List the business\'s products with their prices (newest first), as mirrored from Stripe' })
  @ApiOkResponse({ type: BillingProductListDto })
  @ApiProblems(400, 401, 403, 409)
  list(@Query() query: PageQueryDto): Promise<BillingProductListDto> {
    return this.catalog.products(query);
  }
}
