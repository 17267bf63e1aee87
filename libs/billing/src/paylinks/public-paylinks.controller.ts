import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { RateLimit } from '@app/limits';
import { Public } from '@app/rbac';
import { PublicCheckoutDto } from './dto/paylink-input.dto';
import { PublicCheckoutSessionDto, PublicPaylinkDto } from './dto/paylink.dto';
import { PublicPaylinksService } from './public-paylinks.service';

@ApiTags('paylinks')
@Controller('public/paylinks')
export class PublicPaylinksController {
  constructor(private readonly paylinks: PublicPaylinksService) {}

  @Get(':tenantSlug/:slug')
  @Public()
  @WithoutTransaction()
  @ApiOperation({ summary: 'What a pay page shows: title, description, amount, custom fields and whether it sells now (nothing private)' })
  @ApiOkResponse({ type: PublicPaylinkDto })
  @ApiProblems(400, 404, 429)
  page(@Param('tenantSlug') tenantSlug: string, @Param('slug') slug: string): Promise<PublicPaylinkDto> {
    return this.paylinks.page(tenantSlug, slug);
  }

  @Post(':tenantSlug/:slug/checkout')
  @Public()
  @RateLimit('paylinkCheckouts')
  @WithoutTransaction()
  @ApiOperation({ summary: 'Open a Stripe Checkout for a pay link (holding one use for 30 minutes); refused when inactive, expired or sold out (RATE_LIMIT_PAYLINK_CHECKOUTS a minute per IP)' })
  @ApiCreatedResponse({ type: PublicCheckoutSessionDto })
  @ApiProblems(400, 404, 409, 410, 422, 429)
  checkout(@Param('tenantSlug') tenantSlug: string, @Param('slug') slug: string, @Body() body: PublicCheckoutDto): Promise<PublicCheckoutSessionDto> {
    return this.paylinks.checkout(tenantSlug, slug, body);
  }
}
