import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export class BalanceTransactionQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  limit?: number;

  @ApiPropertyOptional({ maxLength: 255, description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(255) @Matches(/^cbtxn_[A-Za-z0-9]+$/, { message: 'cursor must be a nextCursor of this list' })
  cursor?: string;
}

export class BalanceTransactionDto {
  @ApiProperty({ example: 'cbtxn_1MrUl2LkdIwHu7ixrb5p2mxP' }) stripeId: string;
  @ApiProperty({ description: 'Minor units, in Stripe\'s sign: negative credits the customer (they owe less), positive debits them' }) amount: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ example: 'adjustment', description: 'adjustment (by staff), applied_to_invoice, credit_note, invoice_overpaid, …' }) type: string;
  @ApiProperty({ type: String, nullable: true, description: 'The reason given' }) description: string | null;
  @ApiProperty({ description: 'The customer\'s balance after it, minor units (negative: credit available)' }) endingBalance: number;
  @ApiProperty({ type: String, nullable: true, description: 'Stripe id of the invoice it was applied to' }) invoiceStripeId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class BalanceTransactionListDto {
  @ApiProperty({ type: [BalanceTransactionDto] }) data: BalanceTransactionDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  @ApiProperty({ description: 'The customer\'s current balance, minor units (negative: credit available)' }) balance: number;
}

export class BalanceAdjustmentDto {
  @ApiProperty({ enum: ['credit', 'debit'], description: 'credit: the customer owes less (applied to their next invoices); debit: they owe more' })
  @IsIn(['credit', 'debit'])
  kind: 'credit' | 'debit';

  @ApiProperty({ minimum: 1, maximum: 99_999_999, description: 'Minor units' })
  @IsInt() @Min(1) @Max(99_999_999)
  amount: number;

  @ApiProperty({ example: 'eur', minLength: 3, maxLength: 3, description: 'ISO 4217; the customer\'s currency once they have one' })
  @IsString() @Length(3, 3) @Matches(/^[A-Za-z]{3}$/)
  currency: string;

  @ApiProperty({ minLength: 1, maxLength: 350, description: 'Why (kept in Stripe as the transaction\'s description and in the audit log)' })
  @IsString() @MinLength(1) @MaxLength(350)
  reason: string;
}
