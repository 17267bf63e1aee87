import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

export class TenantSettingsDto {
  @ApiProperty({ nullable: true, type: String }) supportEmail: string | null;
  @ApiProperty({ example: 'Europe/Paris' }) timezone: string;
  @ApiProperty({ example: 'EUR' }) defaultCurrency: string;
  @ApiProperty({ example: 1500, description: 'Platform fee in basis points (1500 = 15%)' }) platformFeeBps: number;
  @ApiProperty({ nullable: true, type: String }) logoUrl: string | null;
}

export class TenantDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: ['pending', 'active', 'rejected', 'suspended'] }) status: string;
  @ApiProperty() plan: string;
  @ApiProperty({ type: TenantSettingsDto }) settings: TenantSettingsDto;
}

const TIMEZONES = new Set(Intl.supportedValuesOf('timeZone').concat('UTC'));

export class UpdateTenantSettingsDto {
  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsEmail()
  supportEmail?: string | null;

  @ApiPropertyOptional({ example: 'Europe/Paris' })
  @IsOptional()
  @IsIn([...TIMEZONES], { message: 'timezone must be an IANA time zone' })
  timezone?: string;

  @ApiPropertyOptional({ example: 'EUR' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'defaultCurrency must be an ISO 4217 code like EUR' })
  defaultCurrency?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  platformFeeBps?: number;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  logoUrl?: string | null;
}

export class UpdateTenantDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(2, 100)
  name?: string;

  @ApiPropertyOptional({ type: UpdateTenantSettingsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => UpdateTenantSettingsDto)
  settings?: UpdateTenantSettingsDto;
}
