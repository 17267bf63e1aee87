import { ApiProperty } from '@nestjs/swagger';

export class BillingPriceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'price_1MoBy5LkdIwHu7ixZhnattbh' }) stripeId: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Minor units (null: customer-chosen or tiered)' }) unitAmount: number | null;
  @ApiProperty({ enum: ['one_time', 'recurring'] }) type: 'one_time' | 'recurring';
  @ApiProperty({ type: String, nullable: true, enum: ['day', 'week', 'month', 'year'] }) interval: string | null;
  @ApiProperty({ type: Number, nullable: true }) intervalCount: number | null;
  @ApiProperty({ type: Number, nullable: true }) trialPeriodDays: number | null;
  @ApiProperty({ type: String, nullable: true, example: 'exclusive' }) taxBehavior: string | null;
  @ApiProperty({ type: String, nullable: true }) nickname: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Our product id' }) productId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The price this one replaced (an amount, trial or tax change)' }) replacesPriceId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class BillingPriceListDto {
  @ApiProperty({ type: [BillingPriceDto] }) data: BillingPriceDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** A product of the business with its prices, as mirrored from Stripe. */
export class BillingProductDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'prod_NWjs8kKbJWmuuc' }) stripeId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ description: 'false: archived' }) active: boolean;
  @ApiProperty({ type: [String] }) features: string[];
  @ApiProperty({ type: [BillingPriceDto] }) prices: BillingPriceDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Deleted in Stripe' }) deletedAt: string | null;
  @ApiProperty({ format: 'date-time' }) stripeUpdatedAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class BillingProductListDto {
  @ApiProperty({ type: [BillingProductDto] }) data: BillingProductDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
