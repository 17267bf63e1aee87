import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { TENANT_PLANS } from '../tenant-plans';

export const BULK_TENANT_ACTIONS = ['suspend', 'activate', 'change_plan'] as const;
export type BulkTenantAction = (typeof BULK_TENANT_ACTIONS)[number];

export class BulkTenantsDto {
  @ApiProperty({ enum: BULK_TENANT_ACTIONS })
  @IsIn([...BULK_TENANT_ACTIONS])
  action: BulkTenantAction;

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 100, maxLength: 36 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @MaxLength(36, { each: true })
  @IsUUID('all', { each: true })
  ids: string[];

  @ApiPropertyOptional({ enum: TENANT_PLANS, description: 'Required for change_plan, refused otherwise' })
  @IsOptional()
  @IsIn([...TENANT_PLANS])
  plan?: string;
}
