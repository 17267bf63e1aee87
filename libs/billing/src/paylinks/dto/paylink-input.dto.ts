import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEmail, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, MinLength,
  ValidateIf, ValidateNested,
} from 'class-validator';
import { IsStringMap, PageQueryDto, queryList } from '@app/core';
import { CUSTOM_FIELD_TYPES } from '../paylink-custom-fields';
import { SLUG_MAX } from '../paylink-slug';

export const PAYLINK_STATUSES = ['active', 'inactive', 'expired', 'archived'] as const;
export const AMOUNT_MODES = ['fixed', 'customer_chooses'] as const;
export const MAX_CUSTOM_FIELDS = 20;
const MAX_AMOUNT = 99_999_999;

export class PaylinkQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: [String], enum: PAYLINK_STATUSES, maxItems: PAYLINK_STATUSES.length, description: 'One or more statuses (comma-separated or repeated); `expired` is derived (past its expiry, or every use taken). Default: all but archived' })
  @IsOptional() @Transform(queryList) @ArrayMaxSize(PAYLINK_STATUSES.length) @IsIn(PAYLINK_STATUSES, { each: true })
  status?: string[];

  @ApiPropertyOptional({ maxLength: 200, description: 'Part of the title or slug' })
  @IsOptional() @IsString() @MaxLength(200)
  search?: string;
}

export class PaylinkCustomFieldDto {
  @ApiProperty({ example: 'company', maxLength: 40, pattern: '^[a-z][a-z0-9_]{0,39}$', description: 'Name of the answer in the payment record; unique in the link' })
  @IsString() @Matches(/^[a-z][a-z0-9_]{0,39}$/, { message: 'key must start with a letter and hold only lower-case letters, digits and _ (at most 40)' })
  key: string;

  @ApiProperty({ minLength: 1, maxLength: 100, description: 'What the buyer sees' })
  @IsString() @MinLength(1) @MaxLength(100)
  label: string;

  @ApiProperty({ enum: CUSTOM_FIELD_TYPES })
  @IsIn(CUSTOM_FIELD_TYPES)
  type: (typeof CUSTOM_FIELD_TYPES)[number];

  @ApiPropertyOptional({ default: false })
  @IsOptional() @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ type: [String], maxItems: 50, maxLength: 100, description: 'The choices of a select field (and only of one)' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(100, { each: true })
  options?: string[];
}

/** Fields a create and an edit share; on an edit every one is optional and null clears the optional ones. */
class PaylinkFieldsDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional() @IsString() @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_AMOUNT, description: 'Minor units (fixed amount); with priceId it comes from the price' })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_AMOUNT)
  amount?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_AMOUNT, nullable: true, description: 'Minor units: the least a buyer may choose (customer_chooses)' })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsInt() @Min(1) @Max(MAX_AMOUNT)
  minAmount?: number | null;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_AMOUNT, nullable: true, description: 'Minor units: the most a buyer may choose (customer_chooses)' })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsInt() @Min(1) @Max(MAX_AMOUNT)
  maxAmount?: number | null;

  @ApiPropertyOptional({ example: 'EUR', minLength: 3, maxLength: 3, description: 'ISO 4217; with priceId it comes from the price' })
  @IsOptional() @IsString() @Length(3, 3) @Matches(/^[A-Za-z]{3}$/)
  currency?: string;

  @ApiPropertyOptional({ minLength: 3, maxLength: SLUG_MAX, description: 'Lower-case letters, digits and hyphens, unique in the business; default: made from the title' })
  @IsOptional() @IsString() @MaxLength(SLUG_MAX)
  slug?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, nullable: true, description: 'When the link stops selling (in the future); null: never' })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @MaxLength(40) @IsISO8601({ strict: true })
  expiresAt?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 1_000_000, nullable: true, description: 'How many payments the link takes in all; null: no limit' })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsInt() @Min(1) @Max(1_000_000)
  maxUses?: number | null;

  @ApiPropertyOptional({ description: 'Ask the buyer for a shipping address at checkout' })
  @IsOptional() @IsBoolean()
  requireShipping?: boolean;

  @ApiPropertyOptional({ type: [PaylinkCustomFieldDto], maxItems: MAX_CUSTOM_FIELDS, description: `Up to ${MAX_CUSTOM_FIELDS} fields the buyer fills in on the pay page` })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_CUSTOM_FIELDS) @ValidateNested({ each: true }) @Type(() => PaylinkCustomFieldDto)
  customFields?: PaylinkCustomFieldDto[];

  @ApiPropertyOptional({ format: 'uri', maxLength: 2000, nullable: true, description: 'Where Stripe sends the buyer after paying (default: our success page)' })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsString() @MaxLength(2000)
  successUrl?: string | null;

  @ApiPropertyOptional({ format: 'uri', maxLength: 2000, nullable: true, description: 'Where Stripe sends a buyer who gives up (default: the pay page)' })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsString() @MaxLength(2000)
  cancelUrl?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string', maxLength: 500 }, description: 'Up to 20 names (40 characters) with text values (500)' })
  @IsOptional() @IsStringMap({ maxEntries: 20, maxKeyLength: 40, maxValueLength: 500 })
  metadata?: Record<string, string>;
}

export class PaylinkCreateDto extends PaylinkFieldsDto {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString() @MinLength(1) @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ enum: AMOUNT_MODES, default: 'fixed', description: 'A fixed amount, or the buyer chooses one (between minAmount and maxAmount when given)' })
  @IsOptional() @IsIn(AMOUNT_MODES)
  amountMode?: (typeof AMOUNT_MODES)[number];

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Our id of an active one-time price to sell (its amount and currency are the link\'s)' })
  @IsOptional() @IsUUID()
  priceId?: string;
}

export class PaylinkUpdateDto extends PaylinkFieldsDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ enum: AMOUNT_MODES })
  @IsOptional() @IsIn(AMOUNT_MODES)
  amountMode?: (typeof AMOUNT_MODES)[number];

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, nullable: true, description: 'Our id of an active one-time price to sell; null: sell the link\'s own amount' })
  @IsOptional() @ValidateIf((_o, v) => v !== null) @IsUUID()
  priceId?: string | null;
}

export class PublicCheckoutDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Answers to the link\'s custom fields by key (text, number, boolean)' })
  @IsOptional() @IsObject()
  customFields?: Record<string, unknown>;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_AMOUNT, description: 'Minor units the buyer chose (only on a customer_chooses link, and required there)' })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_AMOUNT)
  amount?: number;

  @ApiPropertyOptional({ format: 'email', maxLength: 254, description: 'Prefills the buyer\'s email at checkout' })
  @IsOptional() @IsString() @MaxLength(254) @IsEmail()
  email?: string;
}
