import { ApiProperty } from '@nestjs/swagger';
import { AuditLogDto } from './audit-log.dto';

export class AdminAuditLogDto extends AuditLogDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Tenant of the event; null for user-level events (sign-in, password reset)' })
  tenantId: string | null;
}
