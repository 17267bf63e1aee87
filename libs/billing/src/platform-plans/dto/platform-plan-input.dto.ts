import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@app/core';
import { ProductUpdateDto } from '../../catalog/dto/catalog-input.dto';
import { PLAN_KEYS } from '../plan-keys';

export const PLAN_INTERVALS = ['month', 'year'] as const;
const BOOLEAN_QUERY = ['true', 'false'] as const;
const URL_RULE = /^https?:\/\/[^\s]+$/i;

export class PlatformPlanPriceCreateDto {
  @ApiProperty({ enum: PLAN_INTERVALS, description: 'Monthly or annual' })
  @IsIn(PLAN_INTERVALS)
  interval: (typeof PLAN_INTERVALS)[number];

  @ApiProperty({ example: 'USD', minLength: 3, maxLength: 3, description: 'ISO 4217 code (stored upper case)' })
  @IsString()
  @Matches(/^[A-Za-z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code' })
  currency: string;

  @ApiProperty({ minimum: 0, maximum: 99_999_999, description: 'Minor units' })
  @IsInt()
  @Min(0)
  @Max(99_999_999)
  unitAmount: number;
}

export class PlatformPlanCreateDto {
  @ApiProperty({ enum: PLAN_KEYS, description: 'The plan (and so the limits) a subscription grants' })
  @IsIn(PLAN_KEYS)
  planKey: string;

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

  @ApiPropertyOptional({ type: [PlatformPlanPriceCreateDto], maxItems: 4, description: 'At most one per interval and currency' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => PlatformPlanPriceCreateDto)
  prices?: PlatformPlanPriceCreateDto[];
}

/** A plan's name, description and features change as a product's do; `active` says what it means for a plan. */
export class PlatformPlanUpdateDto extends OmitType(ProductUpdateDto, ['active'] as const) {
  @ApiPropertyOptional({ description: 'false archives the plan and its prices in Stripe (existing subscriptions go on); true restores the plan' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class PlatformPlanQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: BOOLEAN_QUERY })
  @IsOptional()
  @IsIn(BOOLEAN_QUERY)
  active?: (typeof BOOLEAN_QUERY)[number];
}

export class PlanCheckoutCreateDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, description: 'A platform plan price id (GET /billing/plans)' })
  @IsUUID('all')
  priceId: string;

  @ApiProperty({ maxLength: 2000, example: 'https://app.example.com/usage?checkout=done' })
  @IsString()
  @MaxLength(2000)
  @Matches(URL_RULE, { message: 'successUrl must be an http(s) URL' })
  successUrl: string;

  @ApiProperty({ maxLength: 2000, example: 'https://app.example.com/usage' })
  @IsString()
  @MaxLength(2000)
  @Matches(URL_RULE, { message: 'cancelUrl must be an http(s) URL' })
  cancelUrl: string;
}

export class PlanPortalCreateDto {
  @ApiProperty({ maxLength: 2000, example: 'https://app.example.com/usage' })
  @IsString()
  @MaxLength(2000)
  @Matches(URL_RULE, { message: 'returnUrl must be an http(s) URL' })
  returnUrl: string;
}
