import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { NormalizeEmail, PageQueryDto } from '@app/core';

export const PRICE_TYPES = ['one_time', 'recurring'] as const;
export const PRICE_INTERVALS = ['month', 'year'] as const;
export const TAX_BEHAVIORS = ['inclusive', 'exclusive', 'unspecified'] as const;
const BOOLEAN_QUERY = ['true', 'false'] as const;

export class PriceCreateDto {
  @ApiProperty({ example: 'USD', minLength: 3, maxLength: 3, description: 'ISO 4217 code (stored upper case)' })
  @IsString()
  @Matches(/^[A-Za-z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code' })
  currency: string;

  @ApiProperty({ minimum: 0, maximum: 99_999_999, description: 'Minor units' })
  @IsInt()
  @Min(0)
  @Max(99_999_999)
  unitAmount: number;

  @ApiProperty({ enum: PRICE_TYPES })
  @IsIn(PRICE_TYPES)
  type: (typeof PRICE_TYPES)[number];

  @ApiPropertyOptional({ enum: PRICE_INTERVALS, description: 'Required for recurring prices, refused for one-time ones' })
  @ValidateIf((o: PriceCreateDto) => o.type === 'recurring' || o.interval !== undefined)
  @IsIn(PRICE_INTERVALS)
  interval?: (typeof PRICE_INTERVALS)[number];

  @ApiPropertyOptional({ minimum: 1, maximum: 730, description: 'Recurring prices only' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(730)
  trialPeriodDays?: number;

  @ApiPropertyOptional({ enum: TAX_BEHAVIORS })
  @IsOptional()
  @IsIn(TAX_BEHAVIORS)
  taxBehavior?: (typeof TAX_BEHAVIORS)[number];

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  nickname?: string;
}

export class ProductCreateDto {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', maxLength: 80 }, maxItems: 15, description: 'Marketing features, each at most 80 characters' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(15)
  @IsString({ each: true })
  @Length(1, 80, { each: true })
  features?: string[];

  @ApiPropertyOptional({ type: [PriceCreateDto], maxItems: 10 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => PriceCreateDto)
  prices?: PriceCreateDto[];
}

export class ProductUpdateDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', maxLength: 80 }, maxItems: 15 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(15)
  @IsString({ each: true })
  @Length(1, 80, { each: true })
  features?: string[];

  @ApiPropertyOptional({ description: 'false archives the product and its prices in Stripe; true restores the product' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class PriceUpdateDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  nickname?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 99_999_999, description: 'A change creates a new price and archives this one' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(99_999_999)
  unitAmount?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 730, description: 'A change creates a new price and archives this one' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(730)
  trialPeriodDays?: number;

  @ApiPropertyOptional({ enum: TAX_BEHAVIORS, description: 'A change creates a new price and archives this one' })
  @IsOptional()
  @IsIn(TAX_BEHAVIORS)
  taxBehavior?: (typeof TAX_BEHAVIORS)[number];
}

export class ProductQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: BOOLEAN_QUERY })
  @IsOptional()
  @IsIn(BOOLEAN_QUERY)
  active?: (typeof BOOLEAN_QUERY)[number];

  @ApiPropertyOptional({ maxLength: 200, description: 'Part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}

export class PriceQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Our product id' })
  @IsOptional()
  @IsUUID('all')
  productId?: string;

  @ApiPropertyOptional({ enum: BOOLEAN_QUERY })
  @IsOptional()
  @IsIn(BOOLEAN_QUERY)
  active?: (typeof BOOLEAN_QUERY)[number];
}

export class CustomerQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'Part of the email or name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}

export class CustomerCreateDto {
  @ApiProperty({ format: 'email', maxLength: 254 })
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Member (membership) this customer is' })
  @IsOptional()
  @IsUUID('all')
  memberId?: string;
}

export class CustomerUpdateDto {
  @ApiPropertyOptional({ format: 'email', maxLength: 254 })
  @IsOptional()
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;
}

const URL_RULE = /^https?:\/\/[^\s]+$/i;

export class CheckoutSessionCreateDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, description: 'Our price id' })
  @IsUUID('all')
  priceId: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  quantity?: number;

  @ApiPropertyOptional({ maxLength: 100, description: 'A customer-facing promotion code' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  promotionCode?: string;

  @ApiPropertyOptional({ format: 'email', maxLength: 254, description: 'Buy for someone else (billing:write); omitted: for yourself' })
  @IsOptional()
  @NormalizeEmail()
  @IsEmail()
  @MaxLength(254)
  customerEmail?: string;

  @ApiProperty({ maxLength: 2000, example: 'https://example.com/thanks' })
  @IsString()
  @MaxLength(2000)
  @Matches(URL_RULE, { message: 'successUrl must be an http(s) URL' })
  successUrl: string;

  @ApiProperty({ maxLength: 2000, example: 'https://example.com/shop' })
  @IsString()
  @MaxLength(2000)
  @Matches(URL_RULE, { message: 'cancelUrl must be an http(s) URL' })
  cancelUrl: string;
}

export class PortalSessionCreateDto {
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Our customer id (billing:write); omitted: your own customer' })
  @IsOptional()
  @IsUUID('all')
  customerId?: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  @Matches(URL_RULE, { message: 'returnUrl must be an http(s) URL' })
  returnUrl: string;
}

export class CheckoutSessionDto {
  @ApiProperty({ example: 'cs_test_a1b2' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class PortalSessionDto {
  @ApiProperty() url: string;
}
