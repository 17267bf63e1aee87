import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

/** Stripe's own cancellation feedback values (cancellation_details[feedback]). */
export const CANCELLATION_REASONS = ['too_expensive', 'missing_features', 'switched_service', 'unused', 'customer_service', 'too_complex', 'low_quality', 'other'] as const;

export class SubscriptionCancelDto {
  @ApiProperty({ description: 'true: cancel when the current period ends (can be undone until then); false: cancel now' })
  @IsBoolean()
  atPeriodEnd: boolean;

  @ApiPropertyOptional({ enum: CANCELLATION_REASONS, description: 'Why the customer leaves (Stripe\'s cancellation feedback)' })
  @IsOptional()
  @IsIn(CANCELLATION_REASONS)
  reason?: (typeof CANCELLATION_REASONS)[number];

  @ApiPropertyOptional({ maxLength: 1000, description: 'The customer\'s own words (Stripe\'s cancellation comment)' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  feedback?: string;
}
