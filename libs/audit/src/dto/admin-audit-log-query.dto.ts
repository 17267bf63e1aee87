import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { AuditLogQueryDto } from './audit-log-query.dto';

export class AdminAuditLogQueryDto extends AuditLogQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only events of this tenant' })
  @IsOptional()
  @IsUUID('all')
  tenantId?: string;
}
