import { Body, Controller, Headers, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { WithoutTransaction } from '@app/database';
import { Authenticated } from '@app/rbac';
import { BillingCheckoutService } from './billing-checkout.service';
import { CheckoutSessionCreateDto, CheckoutSessionDto, PortalSessionCreateDto, PortalSessionDto } from './dto/catalog-input.dto';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing')
export class BillingCheckoutController {
  constructor(private readonly checkout: BillingCheckoutService) {}

  @Post('checkout-sessions')
  @Authenticated()
  @WithoutTransaction()
  @ApiOperation({
    summary: 'A Stripe Checkout URL for a price: for yourself (any member), or for anybody (customerEmail, billing:write)',
  })
  @ApiCreatedResponse({ type: CheckoutSessionDto })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  create(@Body() body: CheckoutSessionCreateDto, @Headers('idempotency-key') key?: string): Promise<CheckoutSessionDto> {
    return this.checkout.checkoutSession(body, key);
  }

  @Post('portal-sessions')
  @Authenticated()
  @WithoutTransaction()
  @ApiOperation({ summary: 'A Stripe Customer Portal URL: your own customer, or any customer (customerId, billing:write)' })
  @ApiCreatedResponse({ type: PortalSessionDto })
  @ApiProblems(400, 401, 403, 404, 409)
  portal(@Body() body: PortalSessionCreateDto, @Headers('idempotency-key') key?: string): Promise<PortalSessionDto> {
    return this.checkout.portalSession(body, key);
  }
}
