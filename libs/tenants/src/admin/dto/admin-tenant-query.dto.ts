import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/core';
import { TENANT_PLANS } from '../tenant-plans';

export class AdminTenantQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'Part of the name or slug (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ['pending', 'active', 'rejected', 'suspended'] })
  @IsOptional()
  @IsIn(['pending', 'active', 'rejected', 'suspended'])
  status?: string;

  @ApiPropertyOptional({ enum: TENANT_PLANS })
  @IsOptional()
  @IsIn([...TENANT_PLANS])
  plan?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'Created at or after (ISO 8601 date or date-time)' })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  createdFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', maxLength: 40, description: 'Created at or before (ISO 8601; a bare date includes that whole UTC day)' })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true })
  createdTo?: string;
}
