import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested,
} from 'class-validator';
import { PageQueryDto, queryList } from '@app/core';

export const INVOICE_STATUSES = ['draft', 'open', 'paid', 'void', 'uncollectible'] as const;
export const COLLECTION_METHODS = ['send_invoice', 'charge_automatically'] as const;

export class InvoiceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: [String], enum: INVOICE_STATUSES, maxItems: INVOICE_STATUSES.length, description: 'One or more statuses (comma-separated or repeated)' })
  @IsOptional()
  @Transform(queryList)
  @ArrayMaxSize(INVOICE_STATUSES.length)
  @IsIn(INVOICE_STATUSES, { each: true })
  status?: string[];

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Our id of the customer' })
  @IsOptional() @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Our id of the subscription the invoice bills' })
  @IsOptional() @IsUUID()
  subscriptionId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Part of the customer\'s email or name, or of the invoice number' })
  @IsOptional() @IsString() @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'Created in Stripe at or after' })
  @IsOptional() @MaxLength(40) @IsISO8601({ strict: true })
  createdFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'Created in Stripe before' })
  @IsOptional() @MaxLength(40) @IsISO8601({ strict: true })
  createdTo?: string;
}

export class BillingInvoiceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'in_1MtHbELkdIwHu7ixl4OzzPMv' }) stripeId: string;
  @ApiProperty({ type: String, nullable: true, description: 'Stripe assigns it when the invoice is finalized' }) number: string | null;
  @ApiProperty({ type: String, enum: INVOICE_STATUSES, nullable: true }) status: string | null;
  @ApiProperty({ example: 'eur' }) currency: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Minor units' }) subtotal: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Minor units' }) tax: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Minor units' }) total: number | null;
  @ApiProperty({ description: 'Minor units' }) amountDue: number;
  @ApiProperty({ description: 'Minor units' }) amountPaid: number;
  @ApiProperty({ description: 'Minor units' }) amountRemaining: number;
  @ApiProperty() attemptCount: number;
  @ApiProperty({ type: String, nullable: true, example: 'subscription_cycle' }) billingReason: string | null;
  @ApiProperty({ type: String, enum: COLLECTION_METHODS, nullable: true }) collectionMethod: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) customerId: string | null;
  @ApiProperty({ type: String, nullable: true }) customerEmail: string | null;
  @ApiProperty({ type: String, nullable: true }) customerName: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) subscriptionId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueDate: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nextPaymentAttempt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) periodStart: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) periodEnd: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finalizedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) paidAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) voidedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) markedUncollectibleAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When Stripe created it' }) stripeCreatedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class BillingInvoiceListDto {
  @ApiProperty({ type: [BillingInvoiceDto] }) data: BillingInvoiceDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class BillingInvoiceLineDto {
  @ApiProperty() stripeId: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ description: 'Minor units (negative for a credit)' }) amount: number;
  @ApiProperty() currency: string;
  @ApiProperty({ type: Number, nullable: true }) quantity: number | null;
  @ApiProperty({ type: String, nullable: true }) priceId: string | null;
  @ApiProperty({ type: String, nullable: true }) productId: string | null;
  @ApiProperty({ type: String, nullable: true }) productName: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) periodStart: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) periodEnd: string | null;
  @ApiProperty() proration: boolean;
}

export class BillingInvoiceDetailDto extends BillingInvoiceDto {
  @ApiProperty({ type: [BillingInvoiceLineDto] }) lines: BillingInvoiceLineDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Stripe id of the payment intent collecting it' }) paymentIntentStripeId: string | null;
  @ApiProperty({ description: 'The customer must complete a payment step (3-D Secure)' }) paymentActionRequired: boolean;
}

export class BillingInvoiceLinksDto {
  @ApiProperty({ type: String, nullable: true, description: 'Stripe\'s hosted page where the customer sees and pays the invoice (none for a draft); read from Stripe, never stored' })
  hostedInvoiceUrl: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The invoice as PDF (none for a draft); read from Stripe, never stored' })
  invoicePdf: string | null;
}

export class InvoiceLineInputDto {
  @ApiProperty({ minLength: 1, maxLength: 250 })
  @IsString() @MinLength(1) @MaxLength(250)
  description: string;

  @ApiProperty({ minimum: 1, maximum: 99_999_999, description: 'Unit amount in minor units' })
  @IsInt() @Min(1) @Max(99_999_999)
  unitAmount: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 10_000, default: 1 })
  @IsOptional() @IsInt() @Min(1) @Max(10_000)
  quantity?: number;
}

export class InvoiceCreateDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, description: 'Our id of the customer to bill' })
  @IsUUID()
  customerId: string;

  @ApiProperty({ example: 'eur', minLength: 3, maxLength: 3, description: 'ISO 4217, lower or upper case' })
  @IsString() @Length(3, 3) @Matches(/^[A-Za-z]{3}$/)
  currency: string;

  @ApiProperty({ enum: COLLECTION_METHODS, description: 'send_invoice: emailed by Stripe with a payment page; charge_automatically: the customer\'s default payment method is charged when it is finalized' })
  @IsIn(COLLECTION_METHODS)
  collectionMethod: (typeof COLLECTION_METHODS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 30, description: 'For send_invoice: days the customer has to pay' })
  @ValidateIf((o: InvoiceCreateDto) => o.daysUntilDue !== undefined)
  @IsInt() @Min(1) @Max(365)
  daysUntilDue?: number;

  @ApiPropertyOptional({ maxLength: 500, description: 'Memo shown on the invoice' })
  @IsOptional() @IsString() @MaxLength(500)
  description?: string;

  @ApiProperty({ type: [InvoiceLineInputDto], minItems: 1, maxItems: 50 })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineInputDto)
  lines: InvoiceLineInputDto[];
}
