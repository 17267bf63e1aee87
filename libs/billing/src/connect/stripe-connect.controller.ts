import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, EmptyBodyDto } from '@app/core';
import { NotWhileImpersonating, RequirePermissions } from '@app/rbac';
import { OnboardingLinkDto } from './dto/onboarding-link.dto';
import { StripeConnectionDto } from './dto/stripe-connection.dto';
import { StripeConnectService } from './stripe-connect.service';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('billing/connect')
export class StripeConnectController {
  constructor(private readonly connect: StripeConnectService) {}

  @Get()
  @RequirePermissions('billing:read')
  @ApiOperation({ summary: 'The business\'s Stripe connection: account, charges and payouts enabled, what Stripe still needs' })
  @ApiOkResponse({ type: StripeConnectionDto })
  @ApiProblems(401, 403, 409)
  status(): Promise<StripeConnectionDto> {
    return this.connect.status();
  }

  @Post('onboarding-link')
  @HttpCode(200)
  @RequirePermissions('billing:write')
  // The link lets whoever opens it set where the business's money is paid out: never for staff acting as the user.
  @NotWhileImpersonating()
  @ApiOperation({ summary: 'A Stripe onboarding link for the business\'s connected account (created on first use)' })
  @ApiOkResponse({ type: OnboardingLinkDto })
  @ApiProblems(400, 401, 403, 409)
  onboardingLink(@Body() _body: EmptyBodyDto): Promise<OnboardingLinkDto> {
    return this.connect.onboardingLink();
  }
}
