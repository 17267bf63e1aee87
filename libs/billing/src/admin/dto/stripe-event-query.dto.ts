import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '@app/core';
import { STRIPE_EVENT_STATUSES, type StripeEventStatus } from './stripe-event.dto';

export class StripeEventQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'invoice.paid', maxLength: 100 })
  @IsOptional()
  @Matches(/^[a-z_.]{1,100}$/, { message: 'type must be a Stripe event type' })
  type?: string;

  @ApiPropertyOptional({ enum: STRIPE_EVENT_STATUSES })
  @IsOptional()
  @IsIn(STRIPE_EVENT_STATUSES)
  status?: StripeEventStatus;

  @ApiPropertyOptional({ example: 'acct_1Nv0FGQ9RKHgCVdK', maxLength: 100 })
  @IsOptional()
  @Matches(/^acct_[A-Za-z0-9]{1,95}$/, { message: 'account must be a Stripe account id' })
  account?: string;
}
