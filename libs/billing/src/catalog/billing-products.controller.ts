import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { RequirePermissions } from '@app/rbac';
import { BillingCatalogService } from './billing-catalog.service';
import { PriceCreateDto, PriceQueryDto, PriceUpdateDto, ProductCreateDto, ProductQueryDto, ProductUpdateDto } from './dto/catalog-input.dto';
import { BillingPriceDto, BillingPriceListDto, BillingProductDto, BillingProductListDto } from './dto/billing-product.dto';


@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/products')
export class BillingProductsController {
  constructor(private readonly catalog: BillingCatalogService) {}

  @Get()
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'List the business\'s products with their prices (newest first; filter by active, search by name), as mirrored from Stripe' })
  @ApiOkResponse({ type: BillingProductListDto })
  @ApiProblems(400, 401, 403, 409)
  list(@Query() query: ProductQueryDto): Promise<BillingProductListDto> {
    return this.catalog.products(query);
  }

  @Post()
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Create a product (and its first prices) in Stripe and the mirror' })
  @ApiCreatedResponse({ type: BillingProductDto })
  @ApiProblems(400, 401, 403, 409, 422)
  create(@Body() body: ProductCreateDto, @Headers('idempotency-key') key?: string): Promise<BillingProductDto> {
    return this.catalog.createProduct(body, key);
  }

  @Get(':id')
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'A product with all its prices, archived ones included' })
  @ApiOkResponse({ type: BillingProductDto })
  @ApiProblems(400, 401, 403, 404, 409)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<BillingProductDto> {
    return this.catalog.product(id);
  }

  @Patch(':id')
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Edit a product in Stripe; active=false archives it and its prices, true restores it' })
  @ApiOkResponse({ type: BillingProductDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: ProductUpdateDto, @Headers('idempotency-key') key?: string): Promise<BillingProductDto> {
    return this.catalog.updateProduct(id, body, key);
  }

  @Post(':id/prices')
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Add a price to a product (one-time or recurring monthly/annual)' })
  @ApiCreatedResponse({ type: BillingPriceDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  createPrice(@Param('id', ParseUUIDPipe) id: string, @Body() body: PriceCreateDto, @Headers('idempotency-key') key?: string): Promise<BillingPriceDto> {
    return this.catalog.createPrice(id, body, key);
  }
}

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/prices')
export class BillingPricesController {
  constructor(private readonly catalog: BillingCatalogService) {}

  @Get()
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'List prices (newest first; filter by product and active)' })
  @ApiOkResponse({ type: BillingPriceListDto })
  @ApiProblems(400, 401, 403, 409)
  list(@Query() query: PriceQueryDto): Promise<BillingPriceListDto> {
    return this.catalog.prices(query);
  }

  @Patch(':id')
  @RequirePermissions('billing:write')
  @WithoutTransaction()
  @ApiOperation({
    summary: 'Edit a price: nickname/active change it (200); an amount, trial or tax change creates a new price replacing it and archives it (201)',
  })
  @ApiOkResponse({ type: BillingPriceDto, description: 'The price, changed' })
  @ApiCreatedResponse({ type: BillingPriceDto, description: 'The new price (replacesPriceId: this one, now archived)' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PriceUpdateDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') key?: string,
  ): Promise<BillingPriceDto> {
    const result = await this.catalog.updatePrice(id, body, key);
    void reply.status(result.replaced ? 201 : 200);
    return result.price;
  }
}
