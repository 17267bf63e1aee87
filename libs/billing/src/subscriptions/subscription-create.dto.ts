import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class SubscriptionCreateDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, description: 'Our id of the customer' })
  @IsUUID('all')
  customerId: string;

  @ApiProperty({ format: 'uuid', maxLength: 36, description: 'Our id of an active recurring price of the catalog' })
  @IsUUID('all')
  priceId: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10_000, default: 1 })
  @IsOptional() @IsInt() @Min(1) @Max(10_000)
  quantity?: number;

  @ApiProperty({ enum: ['charge_automatically', 'send_invoice'], description: 'charge the customer\'s payment method, or email each invoice' })
  @IsIn(['charge_automatically', 'send_invoice'])
  collectionMethod: 'charge_automatically' | 'send_invoice';

  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 30, description: 'send_invoice: days to pay each invoice' })
  @IsOptional() @IsInt() @Min(1) @Max(365)
  daysUntilDue?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 730, description: 'A free trial of this many days first' })
  @IsOptional() @IsInt() @Min(1) @Max(730)
  trialDays?: number;

  @ApiPropertyOptional({ default: false, description: 'Complimentary: free for ever (a 100%-off forever coupon), marked as such; no platform fee' })
  @IsOptional() @IsBoolean()
  complimentary?: boolean;
}
