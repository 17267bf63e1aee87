import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { AuditLogQueryDto } from './audit-log-query.dto';

export class AdminAuditLogQueryDto extends AuditLogQueryDto {
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Only events of this tenant' })
  @IsOptional()
  @MaxLength(36)
  @IsUUID('all')
  tenantId?: string;
}
