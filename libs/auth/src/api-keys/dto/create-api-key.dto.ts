import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength,
} from 'class-validator';

export const API_KEY_MODES = ['live', 'test'] as const;
export type ApiKeyMode = (typeof API_KEY_MODES)[number];

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Zapier integration', minLength: 1, maxLength: 100 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ type: [String], maxItems: 50, maxLength: 100, example: ['members:read'], description: 'Permission strings (wildcards allowed); never more than the creator holds' })
  @IsArray()
  @ArrayMinSize(1, { message: 'an API key needs at least one scope' })
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  scopes: string[];

  @ApiPropertyOptional({ enum: API_KEY_MODES, default: 'live', description: 'sk_live_ or sk_test_ prefix' })
  @IsOptional()
  @IsIn(API_KEY_MODES)
  mode?: ApiKeyMode;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'When the key stops working (must be in the future)' })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  expiresAt?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 50, maxLength: 43, example: ['203.0.113.7', '198.51.100.0/24'], description: 'Only these IPs or CIDR ranges may use the key' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(43, { each: true })
  @Matches(/^[0-9a-fA-F.:]+(\/\d{1,3})?$/, { each: true, message: 'each allowed IP must be an IP address or CIDR range' })
  allowedIps?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 100000, description: 'Requests per minute for this key (default: the server\'s API key limit)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  rateLimitPerMinute?: number;
}
